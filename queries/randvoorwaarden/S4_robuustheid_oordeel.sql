/* ---
id = "S4"
volgorde = 604
naam = "robuustheid_oordeel"
titel = "Oordeel over de robuustheid"
definitie = "Per omgevingsdienst het laatste oordeel met peildatum_oordeel op of voor de peildatum van het jaar (soort, oordeel, datum en bron); geen_oordeel als er geen is. Op één dag telt de latere stap van het traject (zelftoets, beoordeling IenW, voortgang, eindoordeel). Landelijk: het aantal omgevingsdiensten per oordeel; hoeveel er sinds het laatste oordeel op de peildatum van het vorige jaar omhoog of omlaag gingen; en het traject: op elke peildatum_oordeel de stand van alle diensten."
dataset = "stelsel"
herkomst = "Samenwerkingsafspraken versterking VTH-stelsel, art. 3.4; robuustheid_oordelen.csv van IenW"
--- */
{% import "stelsel.sql" as s %}
WITH oordelen AS (
    SELECT r.*, CAST(c.volgorde AS INTEGER) AS soort_volgorde
    FROM robuustheid_oordelen r
    LEFT JOIN codelijst_soort_oordeel c ON c.code = r.soort
),
rangorde AS (
    SELECT code, CAST(volgorde AS INTEGER) AS plaats FROM codelijst_oordeel_robuustheid
),
{{ s.laatste("nu", "oordelen", "omgevingsdienst_code", "peildatum_oordeel", "soort_volgorde", peildatum) }},
{{ s.laatste("vorig", "oordelen", "omgevingsdienst_code", "peildatum_oordeel", "soort_volgorde", vorige_peildatum) }},
per_dienst AS (
    SELECT d.code AS od,
           COALESCE(n.oordeel, 'geen_oordeel') AS oordeel,
           v.oordeel AS vorig_oordeel,
           n.peildatum_oordeel, n.soort, n.bron, n.toelichting,
           rn.plaats AS plaats_nu, rv.plaats AS plaats_vorig
    FROM omgevingsdiensten d
    LEFT JOIN nu n ON n.omgevingsdienst_code = d.code
    LEFT JOIN vorig v ON v.omgevingsdienst_code = d.code
    LEFT JOIN rangorde rn ON rn.code = n.oordeel
    LEFT JOIN rangorde rv ON rv.code = v.oordeel
),
-- A lower place in the code list is a better judgement.
beweging AS (
    SELECT od,
           CASE WHEN vorig_oordeel IS NULL AND oordeel = 'geen_oordeel' THEN 'geen_oordeel'
                WHEN vorig_oordeel IS NULL THEN 'eerste_oordeel'
                WHEN plaats_nu < plaats_vorig THEN 'omhoog'
                WHEN plaats_nu > plaats_vorig THEN 'omlaag'
                ELSE 'gelijk' END AS richting
    FROM per_dienst
),
richtingen AS (
    SELECT DISTINCT 'omhoog' AS richting FROM omgevingsdiensten
    UNION ALL SELECT DISTINCT 'omlaag' AS richting FROM omgevingsdiensten
    UNION ALL SELECT DISTINCT 'gelijk' AS richting FROM omgevingsdiensten
    UNION ALL SELECT DISTINCT 'eerste_oordeel' AS richting FROM omgevingsdiensten
    UNION ALL SELECT DISTINCT 'geen_oordeel' AS richting FROM omgevingsdiensten
),
codes AS (
    SELECT code FROM codelijst_oordeel_robuustheid
    UNION ALL
    SELECT DISTINCT 'geen_oordeel' AS code FROM omgevingsdiensten
),
-- The trajectory: on every peildatum_oordeel up to the peildatum, each service's
-- latest judgement on that day.
peildata AS (
    SELECT DISTINCT peildatum_oordeel AS peil
    FROM oordelen
    WHERE peildatum_oordeel <= DATE('{{ peildatum }}')
),
kruis AS (
    SELECT p.peil, o.*
    FROM peildata p
    CROSS JOIN oordelen o
),
stand_rang AS (
    SELECT peil, omgevingsdienst_code, oordeel,
           ROW_NUMBER() OVER (PARTITION BY peil, omgevingsdienst_code
                              ORDER BY peildatum_oordeel DESC, soort_volgorde DESC) AS rang
    FROM kruis
    WHERE peildatum_oordeel <= peil
),
stand AS (
    SELECT peil, oordeel, COUNT(*) AS n
    FROM stand_rang
    WHERE rang = 1
    GROUP BY peil, oordeel
),
beoordeeld AS (
    SELECT peil, SUM(n) AS n FROM stand GROUP BY peil
),
diensten AS (
    SELECT COUNT(*) AS totaal FROM omgevingsdiensten
),
traject AS (
    SELECT p.peil, c.code,
           CASE WHEN c.code = 'geen_oordeel' THEN t.totaal - COALESCE(b.n, 0)
                ELSE COALESCE(st.n, 0) END AS n
    FROM peildata p
    CROSS JOIN codes c
    CROSS JOIN diensten t
    LEFT JOIN beoordeeld b ON b.peil = p.peil
    LEFT JOIN stand st ON st.peil = p.peil AND st.oordeel = c.code
),
telling AS (
    SELECT c.code, COUNT(p.od) AS n
    FROM codes c
    LEFT JOIN per_dienst p ON p.oordeel = c.code
    GROUP BY c.code
),
bewegingen AS (
    SELECT r.richting, COUNT(b.od) AS n
    FROM richtingen r
    LEFT JOIN beweging b ON b.richting = r.richting
    GROUP BY r.richting
)
SELECT {{ s.rij("'omgevingsdienst'", "od", uitkomst="oordeel", vorig="vorig_oordeel", datum="peildatum_oordeel", soort="soort", bron="bron", toelichting="toelichting") }}
FROM per_dienst
UNION ALL
SELECT {{ s.rij("'omgevingsdienst'", "omgevingsdienst_code", dimensie="'traject'", dimensie_waarde="soort", uitkomst="oordeel", datum="peildatum_oordeel", soort="soort", bron="bron", toelichting="toelichting") }}
FROM oordelen
WHERE peildatum_oordeel <= DATE('{{ peildatum }}')
UNION ALL
SELECT {{ s.rij("'nationaal'", "'NL'", dimensie="'oordeel'", dimensie_waarde="code", uitkomst="code", waarde="n", datum="DATE('" ~ peildatum ~ "')") }}
FROM telling
UNION ALL
SELECT {{ s.rij("'nationaal'", "'NL'", dimensie="'beweging'", dimensie_waarde="richting", uitkomst="richting", waarde="n") }}
FROM bewegingen
UNION ALL
SELECT {{ s.rij("'nationaal'", "'NL'", dimensie="'traject'", dimensie_waarde="code", uitkomst="code", waarde="n", datum="peil") }}
FROM traject
