"""The canonical-CSV DuckDB reference of `vth bench`: what a new user would write to
check the pipeline's figures on deliveries in the exchange format. It reads every
party's controles.csv, overtredingen.csv and handhavingsmaatregelen.csv (canonical
UTF-8 CSV, `<input>/<jaar>/<partij>/`) typed, applies the contract rules that change
these figures, harmonises ernst through the LHSO matrix, and computes T1–T5 and
H1–H10 per year, nationally and per party, in DuckDB SQL. It shares no code or SQL
with the pipeline, only the definitions of pipeline/spec/indicators.md and
pipeline/spec/exchange-format.md, and the code lists of queries/codelijsten/.

    python canoniek.py <input> <queries> <pipeline output> <result.json>

Writes seconds (reading to indicators, comparison excluded), peak memory, the
number of figures compared and every difference to result.json."""

import json
import sys
import time

import duckdb

from piek import piek_bytes
from vergelijk import verschillen

invoer, queries, uitvoer, resultaat = sys.argv[1:5]
start = time.perf_counter()
con = duckdb.connect()

KOLOMMEN = {
    "controles": ["controle_id", "object_id", "bevoegd_gezag", "gemeente_code", "controledatum",
                  "controletype", "taak", "brzo", "resultaat"],
    "overtredingen": ["overtreding_id", "controle_id", "overtredingsdatum", "handhavingsstrategie",
                      "gevolg", "gedrag", "ernst", "indicatie_handhaving", "reden_geen_handhaving",
                      "hersteldatum"],
    "handhavingsmaatregelen": ["maatregel_id", "overtreding_id", "handhavingsinstrument",
                               "datum_opleggen", "datum_afronding", "status", "bedrag_eur"],
}

for tabel, kolommen in KOLOMMEN.items():
    # Every file of the table at once (canonical files share one header); partij
    # and jaar from its path. All text first, so a value that is not a date is set
    # aside by the rules below, not by the reader. `ruw` (a hash of the whole row)
    # tells an identical repeat from a conflicting one.
    typen = ", ".join(f"'{k}': 'VARCHAR'" for k in kolommen)
    ruw = f"hash({', '.join(kolommen)})"
    velden = ", ".join(f"NULLIF(TRIM({k}), '') AS {k}" for k in kolommen)
    con.execute(f"""
      CREATE TEMP TABLE {tabel}_ruw AS
      SELECT split_part(filename, '/', -2) AS partij,
             CAST(split_part(filename, '/', -3) AS INT) AS jaar,
             {velden}, {ruw} AS ruw
      FROM read_csv('{invoer}/*/*/{tabel}.csv', header=true, columns={{{typen}}},
                    auto_detect=false, filename=true, quote='"', delim=',')
    """)

for lijst in ["controletype", "handhavingsinstrument", "resultaat_bevinding", "status_maatregel"]:
    con.execute(f"CREATE TEMP TABLE {lijst} AS SELECT * FROM read_csv('{queries}/codelijsten/{lijst}.csv', all_varchar=true)")
con.execute(f"CREATE TEMP TABLE lhso AS SELECT * FROM read_csv('{queries}/codelijsten/lhso-ernst.csv', all_varchar=true)")
con.execute(f"CREATE TEMP TABLE gemeenten AS SELECT gemeente_code FROM read_csv('{queries}/referentie/gemeenten.csv', all_varchar=true)")

# Peildatum: 31 March of the year after the year (the configuration's default).
PEIL = "make_date(CAST({0} AS INT) + 1, 3, 31)"
DATUM = "TRY_CAST({0} AS DATE)"

# The contract rules that change these figures: required values, codes in their
# lists, dates in the delivery year and up to its peildatum, gemeenten in the
# reference; an id delivered twice counts once when the rows are identical and
# not at all when they conflict; references within the party, across years.
UNIEK = """(SELECT partij, {id} FROM {t}_ruw GROUP BY ALL
            HAVING MIN(ruw) = MAX(ruw) AND MIN(jaar) = MAX(jaar))"""
con.execute(f"""
CREATE TEMP TABLE controles AS
SELECT DISTINCT ON (c.partij, c.controle_id) c.partij, c.controle_id, c.object_id, c.gemeente_code,
       {DATUM.format('c.controledatum')} AS datum, lower(c.controletype) AS controletype,
       lower(c.brzo) IN ('true', 'ja') AS brzo, lower(c.resultaat) AS resultaat
FROM controles_ruw c
JOIN {UNIEK.format(id='controle_id', t='controles')} u USING (partij, controle_id)
WHERE c.controle_id IS NOT NULL
  AND year({DATUM.format('c.controledatum')}) = c.jaar
  AND {DATUM.format('c.controledatum')} <= {PEIL.format('c.jaar')}
  AND (c.controletype IS NULL OR lower(c.controletype) IN (SELECT code FROM controletype))
  AND (c.resultaat IS NULL OR lower(c.resultaat) IN (SELECT code FROM resultaat_bevinding))
  AND upper(c.gemeente_code) IN (SELECT gemeente_code FROM gemeenten)
""")

# ernst: delivered wins (a delivered `onbekend` says nothing); otherwise gevolg ×
# gedrag through the LHSO matrix, the old LHS's axes (letters for gevolg, digits
# for gedrag) swapped back; with neither, onbekend.
con.execute(f"""
CREATE TEMP TABLE overtredingen AS
WITH assen AS (
  SELECT o.*, upper(gevolg) AS gv, upper(gedrag) AS gd,
         upper(gevolg) IN ('A', 'B', 'C', 'D') OR upper(gedrag) IN ('1', '2', '3', '4') AS omgedraaid
  FROM overtredingen_ruw o
)
SELECT DISTINCT ON (o.partij, o.overtreding_id) o.partij, o.overtreding_id, o.controle_id, {DATUM.format('o.overtredingsdatum')} AS datum,
       c.object_id, c.gemeente_code,
       COALESCE(NULLIF(lower(o.ernst), 'onbekend'), l.ernst, 'onbekend') AS ernst,
       CASE lower(o.indicatie_handhaving) WHEN 'false' THEN false WHEN 'nee' THEN false
            WHEN 'true' THEN true WHEN 'ja' THEN true END AS indicatie_handhaving
FROM assen o
JOIN {UNIEK.format(id='overtreding_id', t='overtredingen')} u USING (partij, overtreding_id)
JOIN controles c ON c.partij = o.partij AND c.controle_id = o.controle_id
LEFT JOIN lhso l ON l.gevolg = CASE WHEN o.omgedraaid THEN o.gd ELSE o.gv END
                AND l.gedrag = CASE WHEN o.omgedraaid THEN o.gv ELSE o.gd END
WHERE o.overtreding_id IS NOT NULL
  AND {DATUM.format('o.overtredingsdatum')} <= {PEIL.format('o.jaar')}
""")

con.execute(f"""
CREATE TEMP TABLE maatregelen AS
SELECT DISTINCT ON (m.partij, m.maatregel_id) m.partij, m.maatregel_id, m.overtreding_id, {DATUM.format('m.datum_opleggen')} AS datum,
       {DATUM.format('m.datum_afronding')} AS afronding, lower(m.status) AS status,
       lower(m.handhavingsinstrument) AS instrument, i.categorie, CAST(i.zwaarte AS INT) AS zwaarte
FROM handhavingsmaatregelen_ruw m
JOIN {UNIEK.format(id='maatregel_id', t='handhavingsmaatregelen')} u USING (partij, maatregel_id)
LEFT JOIN handhavingsinstrument i ON i.code = lower(m.handhavingsinstrument)
WHERE m.maatregel_id IS NOT NULL
  AND {DATUM.format('m.datum_opleggen')} <= {PEIL.format('m.jaar')}
  AND (m.handhavingsinstrument IS NULL OR i.code IS NOT NULL)
  AND (m.status IS NULL OR lower(m.status) IN (SELECT code FROM status_maatregel))
  AND (m.partij, m.overtreding_id) IN (SELECT (partij, overtreding_id) FROM overtredingen)
""")

# Each indicator per (jaar, partij): (id, jaar, partij, teller, noemer, waarde).
# Overtredingen of `jaar` by their date; their maatregelen up to its peildatum.
# The inputs several indicators share are tables of their own, worked out once.
con.execute("""
CREATE TEMP TABLE c AS
  SELECT c.*, year(c.datum) AS jaar, k.controle_id IS NOT NULL AS gekoppeld
  FROM controles c
  LEFT JOIN (SELECT DISTINCT partij, controle_id FROM overtredingen) k USING (partij, controle_id)
""")
con.execute("""
CREATE TEMP TABLE o AS SELECT o.*, year(o.datum) AS jaar FROM overtredingen o
""")
# Maatregelen of an overtreding of `jaar`, up to that year's peildatum.
con.execute(f"""
CREATE TEMP TABLE om AS
  SELECT o.partij, o.overtreding_id, o.jaar, m.instrument, m.categorie, m.zwaarte, m.datum, m.afronding, m.status
  FROM o JOIN maatregelen m ON m.partij = o.partij AND m.overtreding_id = o.overtreding_id
  WHERE m.datum <= {PEIL.format('o.jaar')}
""")
con.execute("""
CREATE TEMP TABLE per_o AS
  SELECT o.partij, o.overtreding_id, o.jaar, o.datum, o.ernst, o.indicatie_handhaving, o.object_id,
         COUNT(om.datum) AS maatregelen,
         COUNT(*) FILTER (WHERE om.categorie <> 'informeel') AS formeel,
         COUNT(*) FILTER (WHERE om.categorie = 'strafrechtelijk') AS straf,
         MIN(om.datum) AS eerste, MAX(om.zwaarte) AS zwaarte
  FROM o LEFT JOIN om USING (partij, overtreding_id, jaar)
  GROUP BY ALL
""")
con.execute(f"""
CREATE TEMP TABLE alles AS
-- Overtredingen followed by a hercontrole at their object within 90 days.
WITH hercontrole AS (
  SELECT DISTINCT o.partij, o.overtreding_id
  FROM o JOIN controles h ON h.partij = o.partij AND h.object_id = o.object_id
  WHERE h.controletype = 'hercontrole' AND h.datum > o.datum AND h.datum <= o.datum + INTERVAL 90 DAY
),
t3 AS (
  SELECT o.jaar, o.partij, COUNT(h.overtreding_id) AS teller, COUNT(*) AS noemer
  FROM o LEFT JOIN hercontrole h USING (partij, overtreding_id)
  WHERE o.datum + INTERVAL 90 DAY <= {PEIL.format('o.jaar')}
  GROUP BY ALL
),
h8 AS (
  SELECT jaar, partij, COUNT(*) FILTER (WHERE laatste > eerste) AS teller, COUNT(*) AS noemer
  FROM (
    SELECT jaar, partij, object_id,
           arg_min(zwaarte, (datum, overtreding_id)) AS eerste,
           arg_max(zwaarte, (datum, overtreding_id)) AS laatste
    FROM per_o WHERE maatregelen > 0
    GROUP BY ALL HAVING COUNT(*) >= 2
  ) GROUP BY ALL
),
-- Overtredingen whose maatregelen break a combination rule.
geschonden AS (
  SELECT DISTINCT d.partij, d.overtreding_id
  FROM om d JOIN om b USING (partij, overtreding_id, jaar)
  WHERE (d.instrument = 'last_onder_dwangsom' AND b.instrument = 'last_onder_bestuursdwang'
         AND d.datum <= COALESCE(b.afronding, DATE '9999-12-31')
         AND b.datum <= COALESCE(d.afronding, DATE '9999-12-31'))
     OR (d.instrument = 'bestuurlijke_boete' AND b.categorie = 'strafrechtelijk')
),
h10 AS (
  SELECT p.jaar, p.partij, COUNT(g.overtreding_id) AS n
  FROM per_o p LEFT JOIN geschonden g USING (partij, overtreding_id)
  GROUP BY ALL
),
alles AS (
  SELECT 'T1' AS id, jaar, partij, NULL::BIGINT AS teller, NULL::BIGINT AS noemer, COUNT(*)::DOUBLE AS waarde FROM c GROUP BY ALL
  UNION ALL SELECT 'T2', jaar, partij, COUNT(*) FILTER (WHERE gekoppeld), COUNT(*), NULL FROM c GROUP BY ALL
  UNION ALL SELECT 'T3', jaar, partij, teller, noemer, NULL FROM t3
  UNION ALL SELECT 'T4', jaar, partij, NULL, NULL, COUNT(*) FILTER (WHERE brzo) FROM c GROUP BY ALL
  UNION ALL SELECT 'T5', jaar, partij, NULL, NULL,
    COUNT(*) FILTER (WHERE (resultaat = 'overtreden' AND NOT gekoppeld) OR (resultaat = 'nageleefd' AND gekoppeld))
    FROM c GROUP BY ALL
  UNION ALL SELECT 'H1', jaar, partij, NULL, NULL, COUNT(*) FROM per_o GROUP BY ALL
  UNION ALL SELECT 'H2', jaar, partij, COUNT(*) FILTER (WHERE ernst = 'onbekend'), COUNT(*), NULL FROM per_o GROUP BY ALL
  UNION ALL SELECT 'H3', jaar, partij, COUNT(*) FILTER (WHERE formeel > 0), COUNT(*), NULL
    FROM per_o WHERE ernst IN ('middelzwaar', 'zwaar') GROUP BY ALL
  UNION ALL SELECT 'H4', jaar, partij,
    COUNT(*) FILTER (WHERE maatregelen = 0 AND indicatie_handhaving IS DISTINCT FROM false), COUNT(*), NULL
    FROM per_o WHERE ernst IN ('middelzwaar', 'zwaar') GROUP BY ALL
  UNION ALL SELECT 'H5', jaar, partij, NULL, COUNT(*), quantile_cont(eerste - datum, 0.5)
    FROM per_o WHERE maatregelen > 0 GROUP BY ALL
  UNION ALL SELECT 'H6', jaar, partij, NULL, NULL, COUNT(*) FROM om GROUP BY ALL
  UNION ALL SELECT 'H7', jaar, partij, COUNT(*) FILTER (WHERE straf > 0), COUNT(*), NULL
    FROM per_o WHERE ernst = 'zwaar' GROUP BY ALL
  UNION ALL SELECT 'H8', jaar, partij, teller, noemer, NULL FROM h8
  UNION ALL SELECT 'H9', jaar, partij, COUNT(*) FILTER (WHERE status = 'uitgewerkt'), COUNT(*), NULL
    FROM om WHERE instrument = 'last_onder_dwangsom' GROUP BY ALL
  UNION ALL SELECT 'H10', jaar, partij, NULL, NULL, n FROM h10
)
SELECT * FROM alles
""")
# The delivery years as a literal list: with them as a CTE referred to four
# times, DuckDB 1.5.6 stalled on this statement at ten years (every thread waiting
# on a lock, no CPU).
JAREN = ", ".join(str(r[0]) for r in con.execute("SELECT DISTINCT jaar FROM controles_ruw").fetchall())
INDICATOREN = f"""
SELECT id, jaar, 'partij' AS niveau, partij AS eenheid, teller, noemer, waarde
FROM alles WHERE jaar IN ({JAREN}) AND id <> 'H5'
UNION ALL
SELECT id, jaar, 'nationaal', 'NL', SUM(teller), SUM(noemer), SUM(waarde)
FROM alles WHERE jaar IN ({JAREN}) AND id <> 'H5' GROUP BY id, jaar
UNION ALL
SELECT id, jaar, 'partij', partij, NULL, noemer, waarde FROM alles WHERE id = 'H5' AND jaar IN ({JAREN})
UNION ALL
SELECT 'H5', o.jaar, 'nationaal', 'NL', NULL, COUNT(*), quantile_cont(o.eerste - o.datum, 0.5)
FROM per_o o WHERE o.maatregelen > 0 AND o.jaar IN ({JAREN}) GROUP BY o.jaar
"""
referentie = con.execute(INDICATOREN).fetchall()
seconden = time.perf_counter() - start
piek = piek_bytes()

json.dump({"seconden": seconden, "piek_bytes": piek, "vergeleken": len(referentie),
           "indicatoren": sorted({r[0] for r in referentie}, key=lambda i: (i[0] != "T", int(i[1:]))),
           "verschillen": verschillen(con, uitvoer, referentie, {r[0] for r in referentie})}, open(resultaat, "w"), indent=1)
