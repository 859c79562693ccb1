/* ---
id = "D6"
volgorde = 706
naam = "quarantaine"
titel = "Regels in quarantaine"
definitie = "Aantal aangeleverde regels dat apart is gezet, in totaal en per reden (de code van de regel uit het datacontract)."
eenheid = "aantal"
soort = "aantal"
paragraaf = "Quarantaine en aansluiting"
hoofdstuk = "datakwaliteit"
niveaus = ["nationaal", "partij"]
dimensies = { reden = "" }
--- */
WITH d AS (
    SELECT partij, dimensie_waarde AS reden, dimensie, waarde
    FROM datakwaliteit
    WHERE indicator_id = 'D6' AND jaar = {{ jaar }}
),
niveau AS (
    SELECT 'nationaal' AS niveau, 'NL' AS eenheid, reden, dimensie, waarde FROM d
    UNION ALL
    SELECT 'partij' AS niveau, partij AS eenheid, reden, dimensie, waarde FROM d
)
SELECT niveau, eenheid, CAST(NULL AS VARCHAR) AS dimensie, CAST(NULL AS VARCHAR) AS dimensie_waarde,
       SUM(waarde) AS waarde
FROM niveau
WHERE dimensie IS NULL
GROUP BY niveau, eenheid
UNION ALL
SELECT niveau, eenheid, 'reden' AS dimensie, reden AS dimensie_waarde, SUM(waarde) AS waarde
FROM niveau
WHERE dimensie IS NOT NULL
GROUP BY niveau, eenheid, reden
