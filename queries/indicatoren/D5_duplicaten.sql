/* ---
id = "D5"
volgorde = 705
naam = "duplicaten"
titel = "Regels met een dubbel id"
definitie = "Aantal regels waarvan het id meer dan eens voorkomt binnen de partij (over alle jaren van de batch), elke voorkomen meegeteld. Per tabel."
eenheid = "aantal"
soort = "aantal"
paragraaf = "Verwijzingen en dubbele id's"
hoofdstuk = "datakwaliteit"
niveaus = ["nationaal", "partij"]
dimensies = { tabel = "" }
--- */
WITH d AS (
    SELECT partij, tabel AS tabel, dimensie, waarde
    FROM datakwaliteit
    WHERE indicator_id = 'D5' AND jaar = {{ jaar }}
),
niveau AS (
    SELECT 'nationaal' AS niveau, 'NL' AS eenheid, tabel, dimensie, waarde FROM d
    UNION ALL
    SELECT 'partij' AS niveau, partij AS eenheid, tabel, dimensie, waarde FROM d
)
SELECT niveau, eenheid, CAST(NULL AS VARCHAR) AS dimensie, CAST(NULL AS VARCHAR) AS dimensie_waarde,
       SUM(waarde) AS waarde
FROM niveau
GROUP BY niveau, eenheid
UNION ALL
SELECT niveau, eenheid, 'tabel' AS dimensie, tabel AS dimensie_waarde, SUM(waarde) AS waarde
FROM niveau
GROUP BY niveau, eenheid, tabel
