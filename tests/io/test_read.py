import json

import polars as pl
import pytest

from riskprofile.findings import LoadError
from riskprofile.io.mapping import ColumnMapping, load_mapping
from riskprofile.io.read import InputError, read_frame

ROWS = [{"decl_id": "A", "declared_at": "2016-03-01", "direction": "export", "hs_code": "0303890000", "value": 5}]


def test_readers_agree_and_keep_leading_zeros(tmp_path):
    pl.DataFrame(ROWS).write_csv(tmp_path / "a.csv")
    pl.DataFrame(ROWS).write_parquet(tmp_path / "a.parquet")
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in ROWS))
    nested = [
        {
            **{k: v for k, v in ROWS[0].items() if k not in ("hs_code", "value")},
            "lines": [{"hs_code": "0303890000", "value": 5}],
        }
    ]
    (tmp_path / "a.json").write_text(json.dumps(nested))
    for name in ("a.csv", "a.parquet", "a.jsonl", "a.json"):
        df = read_frame(tmp_path / name)
        assert df["hs_code"].cast(pl.String).to_list() == ["0303890000"], name
        assert df["_row"].to_list() == [1]


def test_unreadable_input_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_frame(tmp_path / "missing.csv")
    (tmp_path / "x.xlsx").write_text("")
    with pytest.raises(InputError, match="unknown input format"):
        read_frame(tmp_path / "x.xlsx")


def test_mapping_renames_maps_values_and_adds_constants():
    m = ColumnMapping(
        columns={"Declaration ID": "decl_id", "Mode of Transport": "transport_mode"},
        values={"transport_mode": {"10": "sea", "40": "air"}},
        constants={"direction": "import"},
        drop=["Fraud"],
    )
    df = pl.DataFrame({"Declaration ID": ["1"], "Mode of Transport": ["40"], "Fraud": ["1"]})
    out = m.apply(df)
    assert out.to_dicts() == [{"decl_id": "1", "transport_mode": "air", "direction": "import"}]


def test_bad_mapping_file_is_located(tmp_path):
    p = tmp_path / "m.yaml"
    p.write_text("columns: {a: b}\ncolour: red\n")
    with pytest.raises(LoadError) as e:
        load_mapping(p)
    assert e.value.findings[0].line == 2
