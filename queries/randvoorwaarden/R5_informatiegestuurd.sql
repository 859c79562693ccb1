/* ---
id = "R5"
volgorde = 505
naam = "informatiegestuurd"
titel = "Informatiegestuurd werken"
definitie = "informatiegestuurd: ja of nee; onbekend als het gegeven ontbreekt."
dataset = "robuustheid"
herkomst = "Robuustheidscriteria omgevingsdiensten (juni 2023), criterium 5"
--- */
{% import "organisatie.sql" as o %}
WITH {{ o.per_dienst(jaar) }}
SELECT {{ o.janee("informatiegestuurd", jaar) }}
FROM per_dienst
