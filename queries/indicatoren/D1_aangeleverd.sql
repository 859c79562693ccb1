/* ---
id = "D1"
volgorde = 701
kernbevinding = 11
naam = "aangeleverd"
titel = "Verwachte partijen die hebben aangeleverd"
definitie = "Aandeel van de verwachte partijen (alle omgevingsdiensten en de in de configuratie genoemde partijen) waarvan een levering voor het jaar is ontvangen én geaccepteerd; een geweigerde of ontbrekende levering telt niet mee. Per partij staat de status in datakwaliteit.parquet."
eenheid = "procent"
soort = "aandeel"
paragraaf = "Leveringen"
hoofdstuk = "datakwaliteit"
niveaus = ["nationaal"]
dimensies = { partijsoort = "" }
--- */
SELECT 'nationaal' AS niveau, 'NL' AS eenheid,
       CAST(NULL AS VARCHAR) AS dimensie, CAST(NULL AS VARCHAR) AS dimensie_waarde,
       SUM(CASE WHEN dimensie_waarde = 'aangeleverd' THEN 1 ELSE 0 END) AS teller,
       COUNT(*) AS noemer
FROM datakwaliteit
WHERE indicator_id = 'D1' AND jaar = {{ jaar }} AND verwacht = true
UNION ALL
SELECT 'nationaal' AS niveau, 'NL' AS eenheid,
       'partijsoort' AS dimensie, partijsoort AS dimensie_waarde,
       SUM(CASE WHEN dimensie_waarde = 'aangeleverd' THEN 1 ELSE 0 END) AS teller,
       COUNT(*) AS noemer
FROM datakwaliteit
WHERE indicator_id = 'D1' AND jaar = {{ jaar }} AND verwacht = true
GROUP BY partijsoort
