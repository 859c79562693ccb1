"""Recompute T2, H3, H5, K1, K2 and K5 with DuckDB from the published harmonised records of the
restricted release and compare them with its (unsuppressed) indicatoren.parquet. An independent implementation in another
engine: it shares no SQL with the pipeline, only the definitions of
pipeline/spec/indicators.md and pipeline/spec/strafrechtketen.md. Exits 1 on any difference; prints what it compared."""

import json
import sys

import duckdb

out = sys.argv[1]
data = f"{out}/restricted"
con = duckdb.connect()
for t in ["controles", "overtredingen", "handhavingsmaatregelen", "strafzaken", "indicatoren"]:
    con.execute(f"CREATE VIEW {t} AS SELECT * FROM read_parquet('{data}/{t}.parquet')")

jaren = [r[0] for r in con.execute("SELECT DISTINCT jaar FROM indicatoren ORDER BY 1").fetchall()]

# Each query yields (jaar, niveau, eenheid, teller, noemer, waarde) for nationaal and partij.
T2 = """
WITH c AS (
  SELECT c.partij, EXTRACT(year FROM c.controledatum) AS jaar,
         EXISTS (SELECT 1 FROM overtredingen o WHERE o.partij = c.partij AND o.controle_id = c.controle_id) AS met
  FROM controles c
)
SELECT jaar, 'nationaal', 'NL', SUM(met::INT), COUNT(*), 100.0 * SUM(met::INT) / COUNT(*) FROM c GROUP BY jaar
UNION ALL
SELECT jaar, 'partij', partij, SUM(met::INT), COUNT(*), 100.0 * SUM(met::INT) / COUNT(*) FROM c GROUP BY jaar, partij
"""

H3 = """
WITH o AS (
  SELECT o.partij, EXTRACT(year FROM o.overtredingsdatum) AS jaar,
         EXISTS (SELECT 1 FROM handhavingsmaatregelen m
                 WHERE m.partij = o.partij AND m.overtreding_id = o.overtreding_id
                   AND m.categorie <> 'informeel'
                   AND m.datum_opleggen <= make_date(CAST(EXTRACT(year FROM o.overtredingsdatum) AS INT) + 1, 3, 31)) AS opgevolgd
  FROM overtredingen o
  WHERE o.ernst IN ('middelzwaar', 'zwaar')
)
SELECT jaar, 'nationaal', 'NL', SUM(opgevolgd::INT), COUNT(*), 100.0 * SUM(opgevolgd::INT) / COUNT(*) FROM o GROUP BY jaar
UNION ALL
SELECT jaar, 'partij', partij, SUM(opgevolgd::INT), COUNT(*), 100.0 * SUM(opgevolgd::INT) / COUNT(*) FROM o GROUP BY jaar, partij
"""

H5 = """
WITH d AS (
  SELECT o.partij, EXTRACT(year FROM o.overtredingsdatum) AS jaar,
         MIN(m.datum_opleggen) - o.overtredingsdatum AS dagen
  FROM overtredingen o
  JOIN handhavingsmaatregelen m ON m.partij = o.partij AND m.overtreding_id = o.overtreding_id
  WHERE m.datum_opleggen <= make_date(CAST(EXTRACT(year FROM o.overtredingsdatum) AS INT) + 1, 3, 31)
  GROUP BY o.partij, o.overtreding_id, o.overtredingsdatum
)
SELECT jaar, 'nationaal', 'NL', NULL, COUNT(*), quantile_cont(dagen, 0.5) FROM d GROUP BY jaar
UNION ALL
SELECT jaar, 'partij', partij, NULL, COUNT(*), quantile_cont(dagen, 0.5) FROM d GROUP BY jaar, partij
"""

# The strafrechtketen. A PV of year J: a proces_verbaal on an overtreding of J,
# imposed by the peildatum P (31 March of J + 1). Its case: of the gekoppelde
# strafzaken of that PV that entered by P, the earliest (then lowest parketnummer).
KETEN = """
WITH pv AS (
  SELECT m.partij, m.maatregel_id, o.overtreding_id, o.ernst,
         CAST(EXTRACT(year FROM o.overtredingsdatum) AS INT) AS jaar,
         make_date(CAST(EXTRACT(year FROM o.overtredingsdatum) AS INT) + 1, 3, 31) AS p
  FROM handhavingsmaatregelen m
  JOIN overtredingen o ON o.partij = m.partij AND o.overtreding_id = m.overtreding_id
  WHERE m.handhavingsinstrument = 'proces_verbaal'
    AND m.datum_opleggen <= make_date(CAST(EXTRACT(year FROM o.overtredingsdatum) AS INT) + 1, 3, 31)
),
zaak AS (
  SELECT pv.*, z.datum_afdoening, z.categorie_afdoening, z.uitspraak, z.datum_uitspraak,
         z.parketnummer IS NOT NULL AS bij_om
  FROM pv
  LEFT JOIN LATERAL (
    SELECT * FROM strafzaken z
    WHERE z.koppeling = 'gekoppeld' AND z.partij_verbalisant = pv.partij
      AND z.maatregel_id = pv.maatregel_id AND z.datum_instroom <= pv.p
    ORDER BY z.datum_instroom, z.parketnummer
    LIMIT 1
  ) z ON TRUE
)
"""
K1 = KETEN + """
SELECT jaar, 'nationaal', 'NL', SUM(bij_om::INT), COUNT(*), 100.0 * SUM(bij_om::INT) / COUNT(*) FROM zaak GROUP BY jaar
UNION ALL
SELECT jaar, 'partij', partij, SUM(bij_om::INT), COUNT(*), 100.0 * SUM(bij_om::INT) / COUNT(*) FROM zaak GROUP BY jaar, partij
"""
K2 = KETEN + """, af AS (SELECT *, (datum_afdoening IS NOT NULL AND datum_afdoening <= p) AS afgedaan FROM zaak WHERE bij_om)
SELECT jaar, 'nationaal', 'NL', SUM(afgedaan::INT), COUNT(*), 100.0 * SUM(afgedaan::INT) / COUNT(*) FROM af GROUP BY jaar
UNION ALL
SELECT jaar, 'partij', partij, SUM(afgedaan::INT), COUNT(*), 100.0 * SUM(afgedaan::INT) / COUNT(*) FROM af GROUP BY jaar, partij
"""
K5 = KETEN + """, gestraft AS (
  SELECT DISTINCT partij, overtreding_id FROM zaak
  WHERE (categorie_afdoening = 'sanctie' AND datum_afdoening <= p)
     OR (uitspraak = 'veroordeling' AND datum_uitspraak <= p)
),
zwaar AS (
  SELECT o.partij, CAST(EXTRACT(year FROM o.overtredingsdatum) AS INT) AS jaar,
         EXISTS (SELECT 1 FROM gestraft g WHERE g.partij = o.partij AND g.overtreding_id = o.overtreding_id) AS sanctie
  FROM overtredingen o WHERE o.ernst = 'zwaar'
)
SELECT jaar, 'nationaal', 'NL', SUM(sanctie::INT), COUNT(*), 100.0 * SUM(sanctie::INT) / COUNT(*) FROM zwaar GROUP BY jaar
UNION ALL
SELECT jaar, 'partij', partij, SUM(sanctie::INT), COUNT(*), 100.0 * SUM(sanctie::INT) / COUNT(*) FROM zwaar GROUP BY jaar, partij
"""

failures, compared, suppressed = [], 0, 0
per_indicator = {}
for ind, sql in [("T2", T2), ("H3", H3), ("H5", H5), ("K1", K1), ("K2", K2), ("K5", K5)]:
    for jaar, niveau, eenheid, teller, noemer, waarde in con.execute(sql).fetchall():
        if int(jaar) not in jaren:
            continue
        row = con.execute(
            "SELECT waarde, teller, noemer, status FROM indicatoren WHERE indicator_id = ? AND jaar = ? "
            "AND niveau = ? AND eenheid = ? AND dimensie IS NULL",
            [ind, int(jaar), niveau, eenheid],
        ).fetchone()
        if row is None:
            failures.append((ind, jaar, niveau, eenheid, "missing in indicatoren.parquet"))
            continue
        p_waarde, p_teller, p_noemer, status = row
        if status == "onderdrukt":
            suppressed += 1
            continue
        ok = abs(p_waarde - float(waarde)) < 1e-9 and p_noemer == noemer and (teller is None or p_teller == teller)
        compared += 1
        per_indicator[ind] = per_indicator.get(ind, 0) + 1
        if not ok:
            failures.append((ind, jaar, niveau, eenheid, {"duckdb": [teller, noemer, waarde], "pipeline": [p_teller, p_noemer, p_waarde]}))

print(json.dumps({"compared": compared, "per_indicator": per_indicator, "suppressed_skipped": suppressed, "failures": [str(f) for f in failures]}))
sys.exit(1 if failures or compared == 0 else 0)
