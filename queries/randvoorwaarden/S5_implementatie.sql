/* ---
id = "S5"
volgorde = 605
naam = "implementatie"
titel = "Implementatie van de IBP-producten"
definitie = "Per omgevingsdienst en IBP-product de status op de peildatum: de regel van implementatie.csv met de laatste datum op of voor de peildatum (onbekend als er geen is, nooit niet_gestart). Landelijk per product: het aantal omgevingsdiensten per status, en het aandeel gemeenten (referentielijst) waarvan de omgevingsdienst besloten of geïmplementeerd meldt."
dataset = "stelsel"
herkomst = "Samenwerkingsafspraken versterking VTH-stelsel, art. 3.5; implementatie.csv van de omgevingsdiensten"
--- */
{% import "stelsel.sql" as s %}
WITH stappen AS (
    SELECT i.*, CAST(c.volgorde AS INTEGER) AS status_volgorde
    FROM implementatie i
    LEFT JOIN codelijst_status_implementatie c ON c.code = i.status
),
{{ s.laatste("nu", "stappen", "partij, product", "datum", "status_volgorde", peildatum) }},
per_dienst AS (
    SELECT d.code AS od, d.gemeenten, p.code AS product,
           COALESCE(n.status, 'onbekend') AS status,
           n.datum, n.gemeenten_besloten, n.bron, n.toelichting
    FROM omgevingsdiensten d
    CROSS JOIN codelijst_ibp_product p
    LEFT JOIN nu n ON n.partij = d.code AND n.product = p.code
),
statussen AS (
    SELECT code AS status FROM codelijst_status_implementatie
    UNION ALL
    SELECT DISTINCT 'onbekend' AS status FROM omgevingsdiensten
),
producten AS (
    SELECT code AS product FROM codelijst_ibp_product
),
telling AS (
    SELECT p.product, st.status,
           SUM(CASE WHEN d.status = st.status THEN 1 ELSE 0 END) AS n
    FROM producten p
    CROSS JOIN statussen st
    LEFT JOIN per_dienst d ON d.product = p.product
    GROUP BY p.product, st.status
),
gemeenten AS (
    SELECT product,
           SUM(CASE WHEN status IN ('besloten', 'geimplementeerd') THEN gemeenten ELSE 0 END) AS teller,
           SUM(gemeenten) AS noemer
    FROM per_dienst
    GROUP BY product
)
SELECT {{ s.rij("'omgevingsdienst'", "od", dimensie="'product'", dimensie_waarde="product", uitkomst="status", waarde="gemeenten_besloten", datum="datum", bron="bron", toelichting="toelichting") }}
FROM per_dienst
UNION ALL
SELECT {{ s.rij("'nationaal'", "'NL'", dimensie="'product'", dimensie_waarde="product", uitkomst="status", waarde="n") }}
FROM telling
UNION ALL
SELECT {{ s.rij("'nationaal'", "'NL'", dimensie="'product'", dimensie_waarde="product", uitkomst="'aandeel_gemeenten'",
                waarde="CASE WHEN noemer > 0 THEN 100.0 * teller / noemer END", teller="teller", noemer="noemer") }}
FROM gemeenten
