"""One SparkSession (local[2]) for the Spark tests; they skip when PySpark or Java is missing."""

import shutil

import pytest


@pytest.fixture(scope="session")
def spark():
    pytest.importorskip("pyspark", reason="the Spark tests need riskprofile[spark]")
    if shutil.which("java") is None:
        pytest.skip("the Spark tests need a Java runtime (apt-get install openjdk-17-jre-headless)")
    from riskprofile.spark import local_session

    session = local_session(
        "local[2]",
        **{"spark.sql.shuffle.partitions": "2"},  # the local JVM gets the quick JIT tier and serial GC by default
    )
    yield session
    session.stop()
