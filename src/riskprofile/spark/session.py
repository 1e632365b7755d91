"""A SparkSession for one machine (`score --engine spark --master local[N]`, the tests)."""

from __future__ import annotations

import os
import shutil
import sys
from typing import Any

from ..errors import RiskProfileError


class SparkUnavailable(RiskProfileError):
    """PySpark or Java is missing."""

    code = "spark_unavailable"


def check_available() -> None:
    """Raise `SparkUnavailable`, saying what to install, when pyspark or a Java runtime is missing."""
    try:
        import pyspark  # noqa: F401
    except ImportError as e:
        raise SparkUnavailable(
            "the Spark engine needs PySpark", hint="pip install 'riskprofile[spark]' (PySpark 4, pandas < 3)"
        ) from e
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        raise SparkUnavailable(
            "the Spark engine needs a Java runtime (17 or later)",
            hint="install one, e.g. apt-get install openjdk-17-jre-headless, or set JAVA_HOME",
        )


def local_session(master: str = "local[*]", **conf: str) -> Any:
    """A quiet SparkSession on `master` whose Python workers run this interpreter (so they import this
    riskprofile): no UI, few shuffle partitions, and for a local master a JVM with the quick JIT tier and
    serial GC (1M lines: JVM CPU 101 -> 81 s); `conf` adds Spark settings."""
    check_available()
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    cores = os.cpu_count() or 2
    settings = {
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.shuffle.partitions": str(2 * cores),
        "spark.sql.adaptive.enabled": "true",
        "spark.driver.memory": "2g",
        "spark.sql.session.timeZone": "UTC",
        **conf,
    }
    if master.startswith("local"):  # one short-lived JVM: the quick JIT tier and serial GC cost less CPU
        settings.setdefault("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
    builder = SparkSession.builder.master(master).appName("riskprofile")
    for key, value in settings.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark
