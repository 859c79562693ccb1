/* ---
id = "D7"
volgorde = 707
naam = "rijen"
titel = "Aansluiting van de aangeleverde regels"
definitie = "Geaccepteerde plus apart gezette regels als aandeel van de gelezen regels, over alle bestanden. Moet per bestand precies 100% zijn: geen regel gaat stil verloren (de telling per bestand staat in datakwaliteit.parquet en manifest.json)."
eenheid = "procent"
soort = "aandeel"
paragraaf = "Quarantaine en aansluiting"
hoofdstuk = "datakwaliteit"
niveaus = ["nationaal", "partij"]
--- */
WITH d AS (
    SELECT partij, dimensie_waarde AS telling, waarde
    FROM datakwaliteit
    WHERE indicator_id = 'D7' AND jaar = {{ jaar }}
),
niveau AS (
    SELECT 'nationaal' AS niveau, 'NL' AS eenheid, telling, waarde FROM d
    UNION ALL
    SELECT 'partij' AS niveau, partij AS eenheid, telling, waarde FROM d
)
SELECT niveau, eenheid,
       SUM(CASE WHEN telling IN ('geaccepteerd', 'quarantaine') THEN waarde ELSE 0 END) AS teller,
       SUM(CASE WHEN telling = 'gelezen' THEN waarde ELSE 0 END) AS noemer
FROM niveau
GROUP BY niveau, eenheid
