/* ---
id = "D3"
volgorde = 703
naam = "niet_gemapt"
titel = "Waarden zonder landelijke code"
definitie = "Aantal aangeleverde waarden dat in geen landelijke codelijst en geen mappingtabel voorkomt, per kolom (tabel.kolom). Zulke waarden worden nooit geraden; de rij staat in quarantaine. De ruwe waarden per partij staan in datakwaliteit.parquet."
eenheid = "aantal"
soort = "aantal"
paragraaf = "Volledigheid en codes"
hoofdstuk = "datakwaliteit"
niveaus = ["nationaal", "partij"]
dimensies = { kolom = "" }
--- */
WITH d3 AS (
    SELECT partij, CONCAT(tabel, '.', kolom) AS kolom, waarde
    FROM datakwaliteit
    WHERE indicator_id = 'D3' AND jaar = {{ jaar }}
),
niveau AS (
    SELECT 'nationaal' AS niveau, 'NL' AS eenheid, kolom, waarde FROM d3
    UNION ALL
    SELECT 'partij' AS niveau, partij AS eenheid, kolom, waarde FROM d3
)
SELECT niveau, eenheid, CAST(NULL AS VARCHAR) AS dimensie, CAST(NULL AS VARCHAR) AS dimensie_waarde,
       SUM(waarde) AS waarde
FROM niveau
GROUP BY niveau, eenheid
UNION ALL
SELECT niveau, eenheid, 'kolom' AS dimensie, kolom AS dimensie_waarde, SUM(waarde) AS waarde
FROM niveau
GROUP BY niveau, eenheid, kolom
