/* ---
id = "D2"
volgorde = 702
kernbevinding = 12
naam = "volledigheid_pct"
titel = "Volledigheid van de verplichte kolommen"
definitie = "Aandeel gevulde cellen in de verplichte kolommen van alle aangeleverde bestanden van het jaar (ook van geweigerde leveringen: het gaat om wat binnenkwam). Per kolom (tabel.kolom) ook voor de optionele kolommen, zoals overtredingen.ernst."
eenheid = "procent"
soort = "aandeel"
paragraaf = "Volledigheid en codes"
hoofdstuk = "datakwaliteit"
niveaus = ["nationaal", "partij"]
dimensies = { kolom = "" }
--- */
WITH d2 AS (
    SELECT partij, CONCAT(tabel, '.', kolom) AS kolom, dimensie_waarde = 'ja' AS verplicht,
           teller, noemer
    FROM datakwaliteit
    WHERE indicator_id = 'D2' AND jaar = {{ jaar }}
),
niveau AS (
    SELECT 'nationaal' AS niveau, 'NL' AS eenheid, kolom, verplicht, teller, noemer FROM d2
    UNION ALL
    SELECT 'partij' AS niveau, partij AS eenheid, kolom, verplicht, teller, noemer FROM d2
)
SELECT niveau, eenheid, CAST(NULL AS VARCHAR) AS dimensie, CAST(NULL AS VARCHAR) AS dimensie_waarde,
       SUM(teller) AS teller, SUM(noemer) AS noemer
FROM niveau
WHERE verplicht
GROUP BY niveau, eenheid
UNION ALL
SELECT niveau, eenheid, 'kolom' AS dimensie, kolom AS dimensie_waarde,
       SUM(teller) AS teller, SUM(noemer) AS noemer
FROM niveau
GROUP BY niveau, eenheid, kolom
