/* ---
id = "S6"
volgorde = 606
naam = "aanbevelingen"
titel = "Opvolging van de aanbevelingen van de commissie Van Aartsen"
definitie = "Per aanbeveling de laatste status met peildatum_status op of voor de peildatum, met wie haar draagt, wat er is gedaan en wat resteert; vorig: de status op de peildatum van de vorige editie, als die is opgegeven. Landelijk: het aantal aanbevelingen per status."
dataset = "stelsel"
herkomst = "Adviescommissie VTH (commissie Van Aartsen), Om de leefomgeving (2021); aanbevelingen.csv van IenW"
--- */
{% import "stelsel.sql" as s %}
WITH statussen AS (
    SELECT a.*, CAST(a.nummer AS VARCHAR) AS code, 0 AS geen
    FROM aanbevelingen a
),
{{ s.laatste("nu", "statussen", "nummer", "peildatum_status", "geen", peildatum) }},
{% if vorige_editie %}
{{ s.laatste("vorig", "statussen", "nummer", "peildatum_status", "geen", vorige_editie) }},
{% else %}
vorig AS (
    SELECT * FROM statussen WHERE nummer < 0
),
{% endif %}
per_aanbeveling AS (
    SELECT c.code AS nummer,
           COALESCE(n.status, 'onbekend') AS status,
           v.status AS vorig_status,
           n.peildatum_status, n.verantwoordelijk, n.bron, n.toelichting
    FROM codelijst_aanbeveling_van_aartsen c
    LEFT JOIN nu n ON n.code = c.code
    LEFT JOIN vorig v ON v.code = c.code
),
codes AS (
    SELECT code FROM codelijst_status_aanbeveling
    UNION ALL
    SELECT DISTINCT 'onbekend' AS code FROM codelijst_aanbeveling_van_aartsen
),
telling AS (
    SELECT c.code, COUNT(p.nummer) AS n
    FROM codes c
    LEFT JOIN per_aanbeveling p ON p.status = c.code
    GROUP BY c.code
)
SELECT {{ s.rij("'aanbeveling'", "nummer", uitkomst="status", vorig="vorig_status", datum="peildatum_status", verantwoordelijk="verantwoordelijk", bron="bron", toelichting="toelichting") }}
FROM per_aanbeveling
UNION ALL
SELECT {{ s.rij("'nationaal'", "'NL'", dimensie="'status'", dimensie_waarde="code", uitkomst="code", waarde="n") }}
FROM telling
