"""Open every Parquet dataset of an output tree with the pyarrow of this interpreter
(pyarrow 13 in the test suite) and read it whole; print one line per file.

    python pyarrow13.py <output tree>
"""

import sys
from pathlib import Path

import pyarrow
import pyarrow.parquet as pq

out = Path(sys.argv[1])
files = sorted(p for d in ("data", "restricted") for p in (out / d).glob("*.parquet"))
assert files, f"no Parquet files under {out}"
for p in files:
    t = pq.read_table(p)
    types = {str(f.type) for f in t.schema}
    assert "string_view" not in types, (p, types)
    meta = pq.read_metadata(p).metadata or {}
    assert b"staat_van_vth" in meta, p
    print(f"{p.relative_to(out)}\t{t.num_rows}\t{','.join(sorted(types))}")
print(f"pyarrow {pyarrow.__version__}: {len(files)} files read")
