/* ---
id = "R2"
volgorde = 502
naam = "kwaliteitscriteria"
titel = "Kwaliteitscriteria VTH"
definitie = "voldoet_kc_basistaken en voldoet_kc_plustaken. Onbekend als een gegeven ontbreekt; nee als één van beide nee is."
dataset = "robuustheid"
herkomst = "Robuustheidscriteria omgevingsdiensten (juni 2023), criterium 2; kwaliteitscriteria VTH"
[onderdelen]
voldoet_kc_basistaken = "kwaliteitscriteria basistaken"
voldoet_kc_plustaken = "kwaliteitscriteria plustaken"
--- */
{% import "organisatie.sql" as o %}
WITH {{ o.per_dienst(jaar) }},
delen AS (
    SELECT {{ o.janee("voldoet_kc_basistaken", jaar, "'voldoet_kc_basistaken'", 1) }}
    FROM per_dienst
    WHERE geleverd
    UNION ALL
    SELECT {{ o.janee("voldoet_kc_plustaken", jaar, "'voldoet_kc_plustaken'", 2) }}
    FROM per_dienst
    WHERE geleverd
)
{{ o.criterium(jaar) }}
UNION ALL
SELECT * FROM delen
