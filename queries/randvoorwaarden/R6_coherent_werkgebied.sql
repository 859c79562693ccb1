/* ---
id = "R6"
volgorde = 506
naam = "coherent_werkgebied"
titel = "Coherent takenpakket en werkgebied"
definitie = "werkgebied_coherent: ja of nee; onbekend als het gegeven ontbreekt."
dataset = "robuustheid"
herkomst = "Robuustheidscriteria omgevingsdiensten (juni 2023), criterium 6"
--- */
{% import "organisatie.sql" as o %}
WITH {{ o.per_dienst(jaar) }}
SELECT {{ o.janee("werkgebied_coherent", jaar) }}
FROM per_dienst
