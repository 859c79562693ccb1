/* ---
id = "R4"
volgorde = 504
naam = "weerstandsvermogen"
titel = "Weerstandsvermogen"
definitie = "weerstandsvermogen_eur / benodigd_weerstandsvermogen_eur ten minste de drempel weerstandsratio. Is er niets benodigd (0), dan volstaat elke buffer van 0 of meer. Onbekend als een gegeven ontbreekt of het weerstandsvermogen negatief is zonder dat er iets benodigd is."
dataset = "robuustheid"
herkomst = "Robuustheidscriteria omgevingsdiensten (juni 2023), criterium 4"
drempels = ["weerstandsratio"]
--- */
{% import "organisatie.sql" as o %}
WITH {{ o.per_dienst(jaar) }},
ratio AS (
    SELECT *,
           CASE WHEN benodigd_weerstandsvermogen_eur > 0
                THEN weerstandsvermogen_eur / benodigd_weerstandsvermogen_eur END AS ratio,
           benodigd_weerstandsvermogen_eur <= 0 AND weerstandsvermogen_eur >= 0 AS niets_nodig
    FROM per_dienst
)
SELECT {{ o.rij("NULL", 0,
    "CASE WHEN NOT geleverd THEN 'onbekend' WHEN niets_nodig THEN 'ja' WHEN ratio IS NULL THEN 'onbekend' WHEN ratio >= " ~ drempel.weerstandsratio.waarde ~ " THEN 'ja' ELSE 'nee' END",
    "ratio", drempel.weerstandsratio.waarde, "'>='", "'ratio'", drempel.weerstandsratio.bron | tekst,
    "CASE WHEN NOT geleverd THEN " ~ o.geen_organisatie(jaar) ~ "
          WHEN niets_nodig THEN 'benodigd weerstandsvermogen is 0: elke buffer volstaat'
          WHEN weerstandsvermogen_eur IS NULL AND benodigd_weerstandsvermogen_eur IS NULL THEN 'weerstandsvermogen_eur en benodigd_weerstandsvermogen_eur ontbreekt in organisatie.csv'
          WHEN weerstandsvermogen_eur IS NULL THEN 'weerstandsvermogen_eur ontbreekt in organisatie.csv'
          WHEN benodigd_weerstandsvermogen_eur IS NULL THEN 'benodigd_weerstandsvermogen_eur ontbreekt in organisatie.csv'
          WHEN ratio IS NULL THEN 'negatief weerstandsvermogen' END") }}
FROM ratio
