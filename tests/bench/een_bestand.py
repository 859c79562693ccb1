"""The DuckDB reference of `vth bench` for one large file: the comparable work a
data team would write in DuckDB for one party-year delivered as one canonical
`controles.csv`. It reads every column typed, checks each controletype against
its code list and each gemeente_code against the reference list, finds ids that
occur more than once, writes the records to Parquet (zstd) and counts the
controles per gemeente and year. It shares no code with the pipeline.

    python een_bestand.py <controles.csv> <queries> <pipeline output> <result.json>

Writes seconds (reading to counts; the comparison excluded), peak memory, the
number of figures compared and every difference to result.json. The figures
compared are T1 nationally, per provincie and per omgevingsdienst_regio (the
counts per gemeente summed over the reference list), and the rows that pass."""

import atexit
import json
import shutil
import sys
import tempfile
import time

import duckdb

from piek import piek_bytes

pad, queries, uitvoer, resultaat = sys.argv[1:5]
start = time.perf_counter()
con = duckdb.connect()
tmp = tempfile.mkdtemp(prefix="vth-een-bestand-")
# Removed however the script ends, so a run of `vth bench` leaves no copies behind.
atexit.register(shutil.rmtree, tmp, True)
con.execute(f"CREATE TABLE gemeenten AS SELECT * FROM read_csv('{queries}/referentie/gemeenten.csv', all_varchar=true)")
con.execute(f"CREATE TABLE controletype AS SELECT code FROM read_csv('{queries}/codelijsten/controletype.csv', all_varchar=true)")
con.execute(f"""CREATE TABLE c AS SELECT * FROM read_csv('{pad}', header=true, auto_detect=false, columns={{
  'controle_id': 'VARCHAR', 'object_id': 'VARCHAR', 'bevoegd_gezag': 'VARCHAR', 'gemeente_code': 'VARCHAR',
  'controledatum': 'DATE', 'controletype': 'VARCHAR', 'taak': 'VARCHAR', 'brzo': 'BOOLEAN', 'resultaat': 'VARCHAR'}})""")
fout = con.execute("""SELECT count(*) FROM c
  WHERE controletype NOT IN (SELECT code FROM controletype)
     OR gemeente_code NOT IN (SELECT gemeente_code FROM gemeenten)""").fetchone()[0]
dubbel = con.execute("SELECT coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM c GROUP BY controle_id HAVING count(*) > 1)").fetchone()[0]
con.execute(f"COPY c TO '{tmp}/controles.parquet' (FORMAT parquet, COMPRESSION zstd)")
con.execute("CREATE TABLE per_gemeente AS SELECT gemeente_code, year(controledatum) AS jaar, count(*) AS n FROM c GROUP BY ALL")
seconden = time.perf_counter() - start
piek = piek_bytes()

referentie = con.execute("""
  SELECT 'nationaal' AS niveau, 'NL' AS eenheid, jaar, sum(n) FROM per_gemeente GROUP BY ALL
  UNION ALL SELECT 'provincie', g.provincie_code, jaar, sum(n) FROM per_gemeente JOIN gemeenten g USING (gemeente_code) GROUP BY ALL
  UNION ALL SELECT 'omgevingsdienst_regio', g.omgevingsdienst_code, jaar, sum(n) FROM per_gemeente JOIN gemeenten g USING (gemeente_code) GROUP BY ALL
""").fetchall()
ons = {(r[0], r[1], r[2]): r[3] for r in con.execute(f"""
  SELECT niveau, eenheid, jaar, waarde FROM read_parquet('{uitvoer}/restricted/indicatoren.parquet')
  WHERE indicator_id = 'T1' AND dimensie IS NULL AND niveau IN ('nationaal', 'provincie', 'omgevingsdienst_regio')""").fetchall()}
verschillen = []
for niveau, eenheid, jaar, n in referentie:
    o = ons.get((niveau, eenheid, jaar))
    if o is None or round(o) != n:
        verschillen.append(f"T1 {niveau} {eenheid} {jaar}: duckdb {n}, pipeline {o}")
gelezen = con.execute("SELECT count(*) FROM c").fetchone()[0]
geaccepteerd = con.execute(f"SELECT count(*) FROM read_parquet('{uitvoer}/restricted/controles.parquet')").fetchone()[0]
if geaccepteerd != gelezen - fout - dubbel:
    verschillen.append(f"rows accepted: duckdb {gelezen - fout - dubbel} (of {gelezen}), pipeline {geaccepteerd}")
json.dump({"seconden": seconden, "piek_bytes": piek, "vergeleken": len(referentie) + 1,
           "verschillen": verschillen}, open(resultaat, "w"), indent=1)
