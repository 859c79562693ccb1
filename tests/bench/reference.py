"""The DuckDB reference of `vth bench`: what a data team would write instead of
this pipeline. It reads the same raw deliveries (UTF-8 or Windows-1252 CSV with
any delimiter, JSON, the xlsx workbook and the tab files the party profiles
describe), harmonises what four indicators need through the same mapping tables
and code lists, applies the contract rules that change them, and computes T1, T2,
H1 and H6 per year at the nationaal and partij levels in DuckDB SQL. It shares
no code or SQL with the pipeline, only the definitions of pipeline/spec/indicators.md.

    python reference.py <input> <queries> <pipeline output> <result.json>

Prints nothing; writes seconds (reading to indicators, comparison excluded), peak
memory, the number of figures compared and every difference to result.json."""

import atexit
import json
import os
import shutil
import sys
import tempfile
import time
import tomllib

import duckdb

from piek import piek_bytes
from vergelijk import verschillen

invoer, queries, uitvoer, resultaat = sys.argv[1:5]
start = time.perf_counter()
VERBOSE = os.environ.get("VTH_REFERENCE_TIJDEN")
def lap(msg):
    if VERBOSE:
        print(f"{time.perf_counter() - start:7.2f}s {msg}", file=sys.stderr)
con = duckdb.connect()
tmp = tempfile.mkdtemp(prefix="vth-reference-")
# Removed however the script ends, so a run of `vth bench` leaves no copies behind.
atexit.register(shutil.rmtree, tmp, True)

TABELLEN = {
    "controles": ["controle_id", "gemeente_code", "controledatum", "controletype"],
    "overtredingen": ["overtreding_id", "controle_id", "overtredingsdatum"],
    "handhavingsmaatregelen": ["maatregel_id", "overtreding_id", "handhavingsinstrument", "datum_opleggen"],
}

profielen = {}
for f in sorted(os.listdir(f"{queries}/profielen")):
    if f.endswith(".toml"):
        with open(f"{queries}/profielen/{f}", "rb") as fh:
            profielen[f[:-5]] = tomllib.load(fh)


def hernoem(profiel, tabel, kolommen):
    """Header names as the exchange format calls them."""
    renames = {k.strip().lower(): v for k, v in (profiel or {}).get("kolommen", {}).get(tabel, {}).items()}
    return [renames.get(k.strip().lower(), k.strip().lower()) for k in kolommen]


def projectie(bron, kolommen, tabel, partij, jaar):
    """SELECT of the columns a table needs from a source, as trimmed text."""
    velden = []
    for k in TABELLEN[tabel]:
        kolom = '"' + k + '"' if k in kolommen else "NULL"
        velden.append(f"NULLIF(TRIM(CAST({kolom} AS VARCHAR)), '') AS {k}")
    # The whole row as text, to tell an identical repeat from a conflicting one.
    return f"SELECT '{partij}' AS partij, {jaar} AS jaar, {', '.join(velden)}, CAST(src AS VARCHAR) AS ruw FROM {bron} AS src"


delen = {t: [] for t in TABELLEN}
n = 0
for jaar in sorted(os.listdir(invoer)):
    if not jaar.isdigit():
        continue
    for partij in sorted(os.listdir(f"{invoer}/{jaar}")):
        map_ = f"{invoer}/{jaar}/{partij}"
        profiel = profielen.get(partij)
        if profiel and profiel.get("formaat") == "xlsx":
            import openpyxl
            import pyarrow as pa

            wb = openpyxl.load_workbook(f"{map_}/{profiel['werkmap']}", read_only=True, data_only=True)
            for tabel, blad in profiel.get("bladen", {}).items():
                if tabel not in TABELLEN or blad not in wb.sheetnames:
                    continue
                rijen = list(wb[blad].iter_rows(values_only=True))
                # The header is the first row that names a renamed column (a title row may precede it).
                kop = next(i for i, r in enumerate(rijen) if any(
                    str(c or "").strip().lower() in {k.lower() for k in profiel["kolommen"][tabel]} for c in r))
                namen = hernoem(profiel, tabel, [str(c or "") for c in rijen[kop]])
                def tekst(v):
                    if v is None:
                        return None
                    if hasattr(v, "date"):
                        return v.date().isoformat()
                    if isinstance(v, float) and v.is_integer():
                        return str(int(v))
                    return str(v)
                kolommen = {nm: [tekst(r[i]) if i < len(r) else None for r in rijen[kop + 1:]] for i, nm in enumerate(namen) if nm}
                n += 1
                con.register(f"bron{n}", pa.table(kolommen))
                delen[tabel].append(projectie(f"bron{n}", set(kolommen), tabel, partij, jaar))
            continue
        for tabel in TABELLEN:
            naam = (profiel or {}).get("bestanden", {}).get(tabel)
            kandidaten = [naam] if naam else [f"{tabel}.csv", f"{tabel}.json"]
            pad = next((f"{map_}/{k}" for k in kandidaten if os.path.exists(f"{map_}/{k}")), None)
            if pad is None:
                continue
            n += 1
            if pad.endswith(".json"):
                con.execute(f"CREATE TEMP VIEW bron{n} AS SELECT * FROM read_json('{pad}', format='array')")
            else:
                data = open(pad, "rb").read()
                try:
                    tekst = data.decode("utf-8-sig")
                except UnicodeDecodeError:
                    # DuckDB reads UTF-8 (and Latin-1); Windows-1252 is transcoded first.
                    tekst = data.decode("cp1252")
                    pad = f"{tmp}/bron{n}.csv"
                    open(pad, "wb").write(tekst.encode("utf-8"))
                # The delimiter and header from the first line, so DuckDB need not sniff each file.
                kop = tekst.split("\n", 1)[0].rstrip("\r")
                delim = max([",", ";", "\t"], key=kop.count)
                kolommen = [k.strip().strip('"') for k in kop.split(delim)]
                typen = ", ".join(f"'{k}': 'VARCHAR'" for k in kolommen)
                con.execute(f"CREATE TEMP VIEW bron{n} AS SELECT * FROM read_csv('{pad}', delim='{delim}', quote='\"', "
                            f"header=true, columns={{{typen}}}, auto_detect=false)")
            if pad.endswith(".json"):
                kolommen = [r[0] for r in con.execute(f"DESCRIBE bron{n}").fetchall()]
            namen = hernoem(profiel, tabel, kolommen)
            lijst = ", ".join('"' + o + '" AS "' + nw + '"' for o, nw in zip(kolommen, namen))
            con.execute(f"CREATE TEMP VIEW b{n} AS SELECT {lijst} FROM bron{n}")
            delen[tabel].append(projectie(f"b{n}", set(namen), tabel, partij, jaar))

lap('sources registered')
# Local codes: the mapping tables a party's profile names (its own rows first), then the code list.
import csv as _csv
mapping = []
for partij, p in profielen.items():
    for m in p.get("mappings", []):
        with open(f"{queries}/mappings/{m}.csv", newline="", encoding="utf-8") as fh:
            for r in _csv.DictReader(fh):
                eigen = (r.get("partij") or "").strip()
                if r.get("landelijke_code") and eigen in ("", partij):
                    mapping.append((partij, r["kolom"], r["lokale_waarde"].strip().lower(), r["landelijke_code"], 0 if eigen else 1))
con.execute("CREATE TEMP TABLE mapping (partij VARCHAR, kolom VARCHAR, lokaal VARCHAR, landelijke_code VARCHAR, rang INT)")
if mapping:
    con.executemany("INSERT INTO mapping VALUES (?, ?, ?, ?, ?)", mapping)
for lijst in ["controletype", "handhavingsinstrument"]:
    con.execute(f"CREATE TEMP TABLE {lijst} AS SELECT code FROM read_csv('{queries}/codelijsten/{lijst}.csv', all_varchar=true)")
con.execute(f"CREATE TEMP TABLE gemeenten AS SELECT gemeente_code FROM read_csv('{queries}/referentie/gemeenten.csv', all_varchar=true)")

DATUM = "COALESCE(TRY_STRPTIME({0}, '%Y-%m-%d'), TRY_STRPTIME({0}, '%d-%m-%Y'), TRY_STRPTIME({0}, '%d/%m/%Y'))::DATE"
CODE = """COALESCE(
  (SELECT landelijke_code FROM mapping m WHERE m.partij = r.partij AND m.kolom = '{k}' AND m.lokaal = lower(r.{k}) ORDER BY rang LIMIT 1),
  (SELECT code FROM {k} WHERE code = lower(replace(r.{k}, ' ', '_'))))"""

con.execute(f"""CREATE TEMP TABLE c_ruw AS SELECT partij, jaar, controle_id, upper(gemeente_code) AS gemeente_code,
  {DATUM.format('controledatum')} AS datum, ruw, controletype IS NULL AS type_leeg, {CODE.format(k='controletype')} AS controletype
  FROM ({' UNION ALL '.join(delen['controles'])}) r""")
lap("c_ruw")
con.execute(f"""CREATE TEMP TABLE o_ruw AS SELECT partij, jaar, overtreding_id, controle_id,
  {DATUM.format('overtredingsdatum')} AS datum, ruw FROM ({' UNION ALL '.join(delen['overtredingen'])}) r""")
con.execute(f"""CREATE TEMP TABLE m_ruw AS SELECT partij, jaar, maatregel_id, overtreding_id,
  {DATUM.format('datum_opleggen')} AS datum, ruw, handhavingsinstrument IS NULL AS instr_leeg,
  {CODE.format(k='handhavingsinstrument')} AS instrument FROM ({' UNION ALL '.join(delen['handhavingsmaatregelen'])}) r""")

lap("m_ruw")
# The contract rules that change these indicators: required values, codes, the
# delivery year and peildatum, duplicate ids (an identical repeat counts once,
# conflicting rows go), and references within the party across years.
con.execute("""
CREATE TEMP TABLE controles AS
WITH geldig AS (
  SELECT * FROM c_ruw
  WHERE controle_id IS NOT NULL AND datum IS NOT NULL AND year(datum) = jaar
    AND datum <= make_date(jaar + 1, 3, 31)
    AND (type_leeg OR controletype IS NOT NULL)
    AND gemeente_code IN (SELECT gemeente_code FROM gemeenten)
), telling AS (
  SELECT partij, controle_id, COUNT(*) AS n,
         COUNT(DISTINCT (jaar, ruw)) AS varianten
  FROM c_ruw GROUP BY ALL
)
SELECT DISTINCT g.partij, g.controle_id, g.gemeente_code, g.datum
FROM geldig g JOIN telling t USING (partij, controle_id)
WHERE t.n = 1 OR t.varianten = 1
""")
con.execute("""
CREATE TEMP TABLE overtredingen AS
WITH telling AS (
  SELECT partij, overtreding_id, COUNT(*) AS n, COUNT(DISTINCT (jaar, ruw)) AS varianten
  FROM o_ruw GROUP BY ALL
)
SELECT DISTINCT o.partij, o.overtreding_id, o.controle_id, o.datum, c.gemeente_code
FROM o_ruw o JOIN telling t USING (partij, overtreding_id)
JOIN controles c ON c.partij = o.partij AND c.controle_id = o.controle_id
WHERE o.overtreding_id IS NOT NULL AND o.datum IS NOT NULL AND o.datum <= make_date(o.jaar + 1, 3, 31)
  AND (t.n = 1 OR t.varianten = 1)
""")
con.execute("""
CREATE TEMP TABLE maatregelen AS
WITH telling AS (
  SELECT partij, maatregel_id, COUNT(*) AS n, COUNT(DISTINCT (jaar, ruw)) AS varianten
  FROM m_ruw GROUP BY ALL
)
SELECT DISTINCT m.partij, m.maatregel_id, m.overtreding_id, m.datum
FROM m_ruw m JOIN telling t USING (partij, maatregel_id)
WHERE m.maatregel_id IS NOT NULL AND m.datum IS NOT NULL AND m.datum <= make_date(m.jaar + 1, 3, 31)
  AND (m.instr_leeg OR m.instrument IS NOT NULL) AND (t.n = 1 OR t.varianten = 1)
  AND EXISTS (SELECT 1 FROM overtredingen o WHERE o.partij = m.partij AND o.overtreding_id = m.overtreding_id)
""")

# (indicator, jaar, niveau, eenheid, teller, noemer, waarde)
INDICATOREN = """
WITH jaren AS (SELECT DISTINCT jaar FROM c_ruw),
t1 AS (SELECT year(datum) AS jaar, partij, COUNT(*) AS n FROM controles GROUP BY ALL),
t2 AS (
  SELECT year(c.datum) AS jaar, c.partij,
         COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM overtredingen o WHERE o.partij = c.partij AND o.controle_id = c.controle_id)) AS teller,
         COUNT(*) AS noemer
  FROM controles c GROUP BY ALL
),
h1 AS (SELECT year(datum) AS jaar, partij, COUNT(*) AS n FROM overtredingen GROUP BY ALL),
h6 AS (
  SELECT year(o.datum) AS jaar, o.partij, COUNT(*) AS n
  FROM maatregelen m JOIN overtredingen o ON o.partij = m.partij AND o.overtreding_id = m.overtreding_id
  WHERE m.datum <= make_date(CAST(year(o.datum) AS INT) + 1, 3, 31)
  GROUP BY ALL
),
alles AS (
  SELECT 'T1' AS id, jaar, partij, NULL::BIGINT AS teller, NULL::BIGINT AS noemer, n AS waarde FROM t1
  UNION ALL SELECT 'T2', jaar, partij, teller, noemer, NULL FROM t2
  UNION ALL SELECT 'H1', jaar, partij, NULL, NULL, n FROM h1
  UNION ALL SELECT 'H6', jaar, partij, NULL, NULL, n FROM h6
)
SELECT id, jaar, 'partij' AS niveau, partij AS eenheid, teller, noemer, waarde FROM alles WHERE jaar IN (SELECT jaar FROM jaren)
UNION ALL
SELECT id, jaar, 'nationaal', 'NL', SUM(teller), SUM(noemer), SUM(waarde) FROM alles WHERE jaar IN (SELECT jaar FROM jaren) GROUP BY id, jaar
"""
lap("validated")
referentie = con.execute(INDICATOREN).fetchall()
lap("indicators")
seconden = time.perf_counter() - start
piek = piek_bytes()

json.dump({"seconden": seconden, "piek_bytes": piek, "vergeleken": len(referentie),
           "verschillen": verschillen(con, uitvoer, referentie, {"T1", "T2", "H1", "H6"})}, open(resultaat, "w"), indent=1)
