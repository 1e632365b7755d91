from pathlib import Path

from riskprofile.loader.profile import load_list_file

LIST = """name: recorded_marks
kind: marks
items_from: [register.csv]
items:
  - {mark: SHELL, aliases: [壳牌]}
"""


def _write(tmp_path: Path, csv_text: str) -> Path:
    (tmp_path / "register.csv").write_text(csv_text, encoding="utf-8")
    path = tmp_path / "recorded_marks.yaml"
    path.write_text(LIST, encoding="utf-8")
    return path


def test_csv_rows_add_items_with_list_and_boolean_columns(tmp_path):
    path = _write(
        tmp_path,
        "recordation,mark,aliases,abbreviations,goods,in_description,holder_id,group_ids,valid_to\n"
        "T2012-00001,TEXAS INSTRUMENTS,德州仪器|TEXAS INSTRUMENT,TI,8541|8542,false,TI-US,"
        "TI-SC-01|TI-JS-02,2022-01-01\n"
        "T2013-00002,NIKE,耐克,,64,,,,\n",
    )
    nl, findings = load_list_file(path)
    assert findings == []
    ti, nike = nl.items[1], nl.items[2]
    assert [it.mark for it in nl.items] == ["SHELL", "TEXAS INSTRUMENTS", "NIKE"]
    assert ti.aliases == ["德州仪器", "TEXAS INSTRUMENT"] and ti.abbreviations == ["TI"] and ti.in_description is False
    assert ti.parties == ["TI-US", "TI-SC-01", "TI-JS-02"] and str(ti.valid_to) == "2022-01-01"
    assert nike.in_description is True and nike.parties == []


def test_bad_rows_and_unknown_columns_are_reported_with_file_and_line(tmp_path):
    path = _write(tmp_path, "mark,right,valid_to\nNIKE,trademark,\nADIDAS,design,not-a-date\n")
    nl, findings = load_list_file(path)
    assert nl is None
    assert {f.line for f in findings} == {3} and all(
        f.code == "RP014" and f.file.endswith("register.csv") for f in findings
    )
    path = _write(tmp_path, "mark,colour\nNIKE,red\n")
    nl, findings = load_list_file(path)
    assert nl is None and "colour" in findings[0].message


def test_a_missing_items_file_is_reported(tmp_path):
    path = tmp_path / "recorded_marks.yaml"
    path.write_text(LIST, encoding="utf-8")
    nl, findings = load_list_file(path)
    assert nl is None and findings[0].code == "RP015"
