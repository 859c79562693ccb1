/* ---
id = "S7"
volgorde = 607
naam = "randvoorwaarden_voldaan"
titel = "Randvoorwaarden voldaan"
definitie = "Per omgevingsdienst het aantal voorwaarden voldaan van: R (robuust), S1 (basistakenpakket volledig), S2 (visitatie actueel), S3 (modelmandaat), S4 (oordeel robuust) en S5 (elk IBP-product besloten of geïmplementeerd). Een voorwaarde die onbekend is, telt apart: nooit als voldaan of niet voldaan. Landelijk: per voorwaarde het aantal diensten dat voldoet, niet voldoet of onbekend is, en de verdeling van het aantal voldaan."
dataset = "stelsel"
herkomst = "IBP VTH (2024): de Staat van VTH rapporteert of aan alle randvoorwaarden wordt voldaan"
--- */
{% import "stelsel.sql" as s %}
WITH voorwaarden AS (
    SELECT omgevingsdienst AS od, criterium_id AS conditie, voldoet
    FROM robuustheid
    WHERE criterium_id IN ('R', 'S1', 'S2', 'S3') AND onderdeel IS NULL
    UNION ALL
    SELECT eenheid AS od, 'S4' AS conditie,
           CASE WHEN uitkomst = 'robuust' THEN 'ja'
                WHEN uitkomst = 'geen_oordeel' THEN 'onbekend'
                ELSE 'nee' END AS voldoet
    FROM stelsel
    WHERE conditie_id = 'S4' AND niveau = 'omgevingsdienst' AND dimensie IS NULL
    UNION ALL
    SELECT eenheid AS od, 'S5' AS conditie,
           CASE WHEN SUM(CASE WHEN uitkomst IN ('niet_gestart', 'in_voorbereiding') THEN 1 ELSE 0 END) > 0 THEN 'nee'
                WHEN SUM(CASE WHEN uitkomst = 'onbekend' THEN 1 ELSE 0 END) > 0 THEN 'onbekend'
                ELSE 'ja' END AS voldoet
    FROM stelsel
    WHERE conditie_id = 'S5' AND niveau = 'omgevingsdienst' AND dimensie = 'product'
    GROUP BY eenheid
),
per_dienst AS (
    SELECT od,
           SUM(CASE WHEN voldoet = 'ja' THEN 1 ELSE 0 END) AS ja,
           SUM(CASE WHEN voldoet = 'nee' THEN 1 ELSE 0 END) AS nee,
           SUM(CASE WHEN voldoet = 'onbekend' THEN 1 ELSE 0 END) AS onbekend,
           COUNT(*) AS totaal
    FROM voorwaarden
    GROUP BY od
),
uitkomsten AS (
    SELECT DISTINCT 'ja' AS voldoet FROM omgevingsdiensten
    UNION ALL SELECT DISTINCT 'nee' AS voldoet FROM omgevingsdiensten
    UNION ALL SELECT DISTINCT 'onbekend' AS voldoet FROM omgevingsdiensten
),
condities AS (
    SELECT DISTINCT conditie FROM voorwaarden
),
telling AS (
    SELECT c.conditie, u.voldoet,
           SUM(CASE WHEN v.voldoet = u.voldoet THEN 1 ELSE 0 END) AS n
    FROM condities c
    CROSS JOIN uitkomsten u
    LEFT JOIN voorwaarden v ON v.conditie = c.conditie
    GROUP BY c.conditie, u.voldoet
),
verdeling AS (
    SELECT ja, COUNT(*) AS n FROM per_dienst GROUP BY ja
)
SELECT {{ s.rij("'omgevingsdienst'", "od", dimensie="'conditie'", dimensie_waarde="conditie", uitkomst="voldoet") }}
FROM voorwaarden
UNION ALL
SELECT {{ s.rij("'omgevingsdienst'", "od", waarde="ja", teller="ja", noemer="totaal",
                toelichting="CAST(ja AS VARCHAR) || ' voldaan, ' || CAST(nee AS VARCHAR) || ' niet voldaan, ' || CAST(onbekend AS VARCHAR) || ' onbekend'") }}
FROM per_dienst
UNION ALL
SELECT {{ s.rij("'nationaal'", "'NL'", dimensie="'conditie'", dimensie_waarde="conditie", uitkomst="voldoet", waarde="n") }}
FROM telling
UNION ALL
SELECT {{ s.rij("'nationaal'", "'NL'", dimensie="'aantal_voldaan'", dimensie_waarde="CAST(ja AS VARCHAR)", waarde="n", teller="ja") }}
FROM verdeling
