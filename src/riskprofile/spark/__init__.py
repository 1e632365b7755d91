"""The one scoring path inside Spark: `Profile.score` once per trader bucket, with `applyInArrow`.

```python
from riskprofile import load_profile
from riskprofile.spark import score_dataframe

declarations, rejects = score_dataframe(spark.read.parquet("lines/"), load_profile("rules/profile.yaml"),
                                        history=spark.read.parquet("last_year/"))
declarations.write.parquet("scored/")
```

Lines and history are cogrouped by a hash bucket of the normalised trader id (`engine.buckets`, the
same functions normalisation uses, never re-implemented in Spark SQL), each bucket scored by the
project's own `Profile.score`; the results equal one pass over everything (`engine.buckets` says why).
Needs the extra `riskprofile[spark]` (PySpark 4, pandas < 3) and Java 17; pyspark is imported only
when these functions are called, so the rest of riskprofile works without it.
"""

from .frame import score_dataframe
from .session import local_session

__all__ = ["local_session", "score_dataframe"]
