"""Reading only one declaration's rows and its trader's declarations (`io.narrow`)."""

import polars as pl
import pytest

from riskprofile.io.mapping import ColumnMapping
from riskprofile.io.narrow import UnknownDeclaration, read_related, scan_file
from riskprofile.io.read import read_frame

FRAME = pl.DataFrame(
    {
        "decl_id": ["A1", "A1", " B2", "C3", "D4", "E5", "E5", None],
        "declared_at": ["2016-03-01"] * 8,
        "trader_id": ["t1", "T1", "T2", " T1 ", "T3", "T3", "t1", "T1"],
        "hs_code": ["0303890000", "6403990000", "8301400000", "6403990000", "", "1", "2", "3"],
        "value": [5.0, 6.0, 7.0, None, 8.0, 9.0, 10.0, 11.0],
    }
)


@pytest.fixture(params=["csv", "parquet"])
def path(request, tmp_path):
    p = tmp_path / f"in.{request.param}"
    getattr(FRAME, f"write_{request.param}")(p)
    return p


def test_a_scan_reads_what_read_frame_reads(path):
    assert scan_file(path).frame.collect().equals(read_frame(path))


def test_files_only_read_frame_reads_are_not_scanned(tmp_path):
    (tmp_path / "in.jsonl").write_text('{"decl_id": "A1"}\n')
    (tmp_path / "empty.csv").write_text("")
    for name in ("in.jsonl", "absent.csv", "empty.csv"):
        assert scan_file(tmp_path / name) is None, name


def test_ragged_csv_rows_are_read_as_read_frame_reads_them(tmp_path):
    for name, text in (("short.csv", "B2,T1\nC3,T2,6\n"), ("long.csv", "B2,T1,6,7\nC3,T2,6\n")):
        (tmp_path / name).write_text("decl_id,trader_id,value\nA1,T1,5\n" + text)
        (frames,), _ = read_related("A1", [tmp_path / name], [])
        whole = read_frame(tmp_path / name)
        assert frames.equals(whole.filter(pl.col("decl_id").is_in(["A1", "B2"]))), name
        assert frames["_read_error"].to_list() == [None, whole["_read_error"][1]] != [None, None]


def test_the_declaration_and_every_declaration_of_its_normalised_trader_whole(path):
    (frames,), past = read_related("A1", [path], [])
    assert past == []
    # A1 (t1/T1), C3 (" T1 ") and E5 (one line of t1, one of T3: whole); not B2 (T2), D4 (T3), nor the row without id
    assert frames["decl_id"].to_list() == ["A1", "A1", "C3", "E5", "E5"]
    assert frames["_row"].to_list() == [1, 2, 4, 6, 7]
    assert frames.equals(read_frame(path).filter(pl.col("_row").is_in([1, 2, 4, 6, 7])))


def test_history_files_are_narrowed_by_the_same_trader(path, tmp_path):
    hist = tmp_path / "hist.csv"
    pl.DataFrame({"decl_id": ["H1", "H2"], "trader_id": ["t1 ", "T9"]}).write_csv(hist)
    (frames,), (past,) = read_related("B2", [path], [hist])
    assert frames["decl_id"].to_list() == [" B2"] and past.height == 0
    _, (past,) = read_related("C3", [path], [hist])
    assert past["decl_id"].to_list() == ["H1"]


def test_through_a_column_mapping(tmp_path):
    p = tmp_path / "in.parquet"
    FRAME.rename({"decl_id": "entry", "trader_id": "firm"}).write_parquet(p)
    mapping = ColumnMapping(columns={"entry": "decl_id", "firm": "trader_id"}, values={"trader_id": {"T2": "T1"}})
    (frames,), _ = read_related("B2", [p], [], mapping)
    assert frames["decl_id"].to_list() == ["A1", "A1", " B2", "C3", "E5", "E5"]
    assert frames.equals(mapping.apply(read_frame(p)).filter(pl.col("decl_id").is_in(frames["decl_id"].implode())))


def test_an_absent_declaration_says_what_is_there(path, tmp_path):
    with pytest.raises(UnknownDeclaration) as e:
        read_related("a1", [path], [])
    assert e.value.similar == ("A1",) and "Did you mean 'A1'?" in e.value.hint
    with pytest.raises(UnknownDeclaration) as e:
        read_related("Z9", [path], [])
    assert e.value.examples == ("A1", "B2", "C3") and not e.value.in_history
    hist = tmp_path / "hist.csv"
    pl.DataFrame({"decl_id": ["Z9"], "trader_id": ["T1"]}).write_csv(hist)
    with pytest.raises(UnknownDeclaration) as e:
        read_related("Z9", [path], [hist])
    assert e.value.in_history and "--history" in e.value.hint
