"""An .xlsx a runner or a group sends is read in bounded memory: a small file that
inflates to a gigabyte, or a cell no spreadsheet can hold, is refused, named. How fast
is measured by ``benchmarks/xlsx_bomb.py``, never here."""

import json
import subprocess
import sys
import textwrap
import zipfile

import pytest
from openpyxl import Workbook

from hipkit.errors import DataFileError
from hipkit.log.reading import read_log

MIB = 2**20


def crafted(tmp_path, cell_bytes, name="bomb.xlsx"):
    """A real workbook whose one note is swapped for ``cell_bytes`` letters, deflated."""
    model = tmp_path / "model.xlsx"
    book = Workbook()
    book.active.append(["date", "exercise", "side", "sets", "reps", "notes"])
    book.active.append(["2026-03-02", "Single-leg bridge", "left", 2, 15, "PLACEHOLDER"])
    book.save(model)
    path = tmp_path / name
    with zipfile.ZipFile(model) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            data = source.read(info)
            if b"PLACEHOLDER" not in data:
                target.writestr(info.filename, data)
                continue
            before, after = data.split(b"PLACEHOLDER")
            with target.open(info.filename, "w", force_zip64=True) as part:
                part.write(before)
                block = b"a" * min(cell_bytes, 16 * MIB)
                for _ in range(cell_bytes // len(block)):
                    part.write(block)
                part.write(b"a" * (cell_bytes % len(block)))
                part.write(after)
    return path


def read_in_fresh_process(path):
    """What read_log says of ``path``, its seconds and the process's peak memory (MB)."""
    probe = textwrap.dedent(f"""
        import json, resource, time
        from hipkit.errors import DataFileError
        from hipkit.log.reading import read_log
        start = time.perf_counter()
        try:
            read_log({str(path)!r})
            message = None
        except DataFileError as error:
            message = str(error)
        print(json.dumps({{"message": message, "seconds": time.perf_counter() - start,
                          "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
    """)
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         timeout=300, check=True)
    return json.loads(run.stdout.splitlines()[-1])


def test_a_1mb_xlsx_with_a_1gib_cell_is_refused_in_bounded_memory(tmp_path):
    bomb = crafted(tmp_path, 1024 * MIB)
    assert bomb.stat().st_size < 2 * MIB
    result = read_in_fresh_process(bomb)
    assert result["message"] == (
        "1 problem in the data:\n- bomb.xlsx, field '(whole file)': inflates to more than "
        "512 MB of sheet data, more than any training log (a damaged or hostile file?); "
        "save the sheet again or as CSV UTF-8")
    assert result["peak_mb"] < 500


def test_a_300mb_cell_under_the_size_limit_is_refused_while_streaming(tmp_path):
    bomb = crafted(tmp_path, 300 * MIB)
    result = read_in_fresh_process(bomb)
    assert result["message"] == (
        "1 problem in the data:\n- bomb.xlsx, field '(whole file)': holds a cell of more "
        "than 32,767 characters (in xl/worksheets/sheet1.xml), more than a spreadsheet cell "
        "can hold (a damaged or hostile file?)")
    assert result["peak_mb"] < 500


def test_a_cell_just_over_a_spreadsheets_limit_is_named_by_row_and_column(tmp_path):
    path = crafted(tmp_path, 40_000, name="log.xlsx")
    with pytest.raises(DataFileError) as error:
        read_log(path)
    assert str(error.value).splitlines()[1] == (
        "- log.xlsx, row 2, field 'notes': holds 40,000 characters, more than the 32,767 a "
        "spreadsheet cell can hold (a damaged file?) (got '" + "a" * 40 + "...')")
