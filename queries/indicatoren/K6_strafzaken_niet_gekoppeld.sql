/* ---
id = "K6"
volgorde = 306
naam = "strafzaken_niet_gekoppeld"
titel = "Strafzaken zonder koppeling aan een proces-verbaal"
definitie = "Aantal strafzaken dat in het jaar bij het OM instroomde en niet te koppelen is aan een proces-verbaal van de verbalisant: geen_pv (de zaak noemt een andere maatregel) of niet_gekoppeld (de maatregel is niet gevonden). Nationaal en per verbalisant (partij)."
eenheid = "aantal"
soort = "aantal"
paragraaf = "Van proces-verbaal tot afdoening"
hoofdstuk = "handhaving"
per_partij = true
niveaus = ["nationaal", "partij"]
dimensies = { koppeling = "" }
dekking = true
--- */
WITH los AS (
    SELECT partij_verbalisant, koppeling
    FROM strafzaken
    WHERE koppeling <> 'gekoppeld'
      AND datum_instroom BETWEEN DATE('{{ begin }}') AND DATE('{{ eind }}')
),
niveau AS (
    SELECT 'nationaal' AS niveau, 'NL' AS eenheid, koppeling FROM los
    UNION ALL
    SELECT 'partij' AS niveau, partij_verbalisant AS eenheid, koppeling FROM los
)
SELECT niveau, eenheid, CAST(NULL AS VARCHAR) AS dimensie,
       CAST(NULL AS VARCHAR) AS dimensie_waarde, COUNT(*) AS waarde
FROM niveau
GROUP BY niveau, eenheid
UNION ALL
SELECT niveau, eenheid, 'koppeling' AS dimensie, koppeling AS dimensie_waarde,
       COUNT(*) AS waarde
FROM niveau
GROUP BY niveau, eenheid, koppeling
