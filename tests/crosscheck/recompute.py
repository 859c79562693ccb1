"""Recompute T2, H3, H5, K1, K2 and K5 with DuckDB from the published harmonised records of the
restricted release and compare them with its (unsuppressed) indicatoren.parquet; and, after
pipeline/spec/dekking.md, the coverage of every national and regional row (from
queries/referentie/gemeenten.csv and the controles) and the comparable-years rows of T2, H3,
K1, K2 and K5 (the national figure over the parties with controles in both years). An independent implementation in another
engine: it shares no SQL with the pipeline, only the definitions of
pipeline/spec/indicators.md and pipeline/spec/strafrechtketen.md. Exits 1 on any difference; prints what it compared."""

import json
import sys
from pathlib import Path

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

# Coverage: a gemeente is covered in a year when its omgevingsdienst has a controle
# dated in it (partij = the omgevingsdienst's code).
GEMEENTEN = Path(__file__).resolve().parents[2] / "queries" / "referentie" / "gemeenten.csv"
con.execute(f"CREATE VIEW gemeenten AS SELECT * FROM read_csv('{GEMEENTEN}', header = true, all_varchar = true)")
DEKKING = """
WITH geleverd AS (
  SELECT DISTINCT partij, CAST(EXTRACT(year FROM controledatum) AS INT) AS jaar FROM controles
), jaren AS (SELECT DISTINCT jaar FROM indicatoren),
eenheden AS (
  SELECT 'nationaal' AS niveau, 'NL' AS eenheid, gemeente_code, omgevingsdienst_code FROM gemeenten
  UNION ALL SELECT 'provincie', provincie_code, gemeente_code, omgevingsdienst_code FROM gemeenten
  UNION ALL SELECT 'omgevingsdienst_regio', omgevingsdienst_code, gemeente_code, omgevingsdienst_code FROM gemeenten
)
SELECT j.jaar, e.niveau, e.eenheid,
       COUNT(DISTINCT CASE WHEN g.partij IS NOT NULL THEN e.gemeente_code END) AS gedekt,
       COUNT(DISTINCT e.gemeente_code) AS totaal
FROM jaren j CROSS JOIN eenheden e
LEFT JOIN geleverd g ON g.partij = e.omgevingsdienst_code AND g.jaar = j.jaar
GROUP BY ALL
"""
dekking = {(j, n, e): (g, t) for j, n, e, g, t in con.execute(DEKKING).fetchall()}
dekking_compared = 0
for ind, jaar, niveau, eenheid, gedekt, totaal in con.execute(
    "SELECT indicator_id, jaar, niveau, eenheid, gemeenten_gedekt, gemeenten_totaal FROM indicatoren "
    "WHERE niveau <> 'partij' AND dimensie IS DISTINCT FROM 'vergelijkbaar' AND regexp_matches(indicator_id, '^[THKC]')"
).fetchall():
    verwacht = dekking.get((jaar, niveau, eenheid))
    dekking_compared += 1
    if verwacht is None or (gedekt, totaal) != verwacht:
        failures.append(("dekking", ind, jaar, niveau, eenheid, {"duckdb": verwacht, "pipeline": [gedekt, totaal]}))

# Comparable years: the panel of J-1 and J is the parties with controles dated in
# both; outside it, those with controles in only one. A panel's national share is
# the national one without the party rows of the parties outside (for K the party
# that made the PV: the partij of the K rows above).
met_controles = {}
for partij, jaar in con.execute("SELECT DISTINCT partij, CAST(EXTRACT(year FROM controledatum) AS INT) FROM controles").fetchall():
    met_controles.setdefault(jaar, set()).add(partij)
panel_compared = 0
for ind, sql in [("T2", T2), ("H3", H3), ("K1", K1), ("K2", K2), ("K5", K5)]:
    per_partij = {}
    for jaar, niveau, eenheid, teller, noemer, waarde in con.execute(sql).fetchall():
        if niveau == "partij":
            per_partij[(int(jaar), eenheid)] = (teller, noemer)
    for jaar in jaren:
        for paar in [f"{jaar - 1}/{jaar}", f"{jaar}/{jaar + 1}"]:
            a, b = (int(x) for x in paar.split("/"))
            if a not in jaren or b not in jaren:
                continue
            buiten = met_controles.get(a, set()) ^ met_controles.get(b, set())
            teller = sum(t for (j, p), (t, n) in per_partij.items() if j == jaar and p not in buiten)
            noemer = sum(n for (j, p), (t, n) in per_partij.items() if j == jaar and p not in buiten)
            row = con.execute(
                "SELECT teller, noemer, gemeenten_gedekt FROM indicatoren WHERE indicator_id = ? AND jaar = ? "
                "AND niveau = 'nationaal' AND dimensie = 'vergelijkbaar' AND dimensie_waarde = ?",
                [ind, jaar, paar],
            ).fetchone()
            if row is None:
                failures.append(("vergelijkbaar", ind, jaar, paar, "missing"))
                continue
            leden = met_controles.get(a, set()) & met_controles.get(b, set())
            gedekt = con.execute(
                "SELECT COUNT(*) FROM gemeenten WHERE list_contains(?, omgevingsdienst_code)", [sorted(leden)]
            ).fetchone()[0]
            panel_compared += 1
            if (row[0], row[1], row[2]) != (teller, noemer, gedekt):
                failures.append(("vergelijkbaar", ind, jaar, paar, {"duckdb": [teller, noemer, gedekt], "pipeline": list(row)}))

print(json.dumps({"compared": compared, "per_indicator": per_indicator, "suppressed_skipped": suppressed,
                  "dekking_compared": dekking_compared, "panel_compared": panel_compared,
                  "failures": [str(f) for f in failures]}))
sys.exit(1 if failures or compared == 0 else 0)
