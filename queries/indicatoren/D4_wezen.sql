/* ---
id = "D4"
volgorde = 704
naam = "wezen"
titel = "Verweesde regels"
definitie = "Aantal overtredingen waarvan de controle ontbreekt en maatregelen waarvan de overtreding ontbreekt (of niet is geaccepteerd), bij de partij in enig jaar; zulke regels staan in quarantaine (reden wees). Per tabel."
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
    WHERE indicator_id = 'D4' AND jaar = {{ jaar }}
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
