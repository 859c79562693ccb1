/* ---
id = "R3"
volgorde = 503
naam = "innovatie"
titel = "Innovatie"
definitie = "Een meerjarige innovatieagenda en een innovatiebudget_eur groter dan 0. Onbekend als een gegeven ontbreekt; nee als één van beide nee is."
dataset = "robuustheid"
herkomst = "Robuustheidscriteria omgevingsdiensten (juni 2023), criterium 3"
[onderdelen]
innovatieagenda = "meerjarige innovatieagenda"
innovatiebudget_eur = "vrij besteedbaar innovatiebudget"
--- */
{% import "organisatie.sql" as o %}
WITH {{ o.per_dienst(jaar) }},
delen AS (
    SELECT {{ o.janee("innovatieagenda", jaar, "'innovatieagenda'", 1) }}
    FROM per_dienst
    WHERE geleverd
    UNION ALL
    -- "Groter dan 0" is the definition of the criterion, not a threshold to tune.
    SELECT {{ o.drempel(jaar, "innovatiebudget_eur", ">",
                        {"waarde": 0, "bron": "spec/indicators.md R3: innovatiebudget groter dan 0"}, "euro",
                        "'innovatiebudget_eur ontbreekt in organisatie.csv'",
                        "'innovatiebudget_eur'", 2) }}
    FROM per_dienst
    WHERE geleverd
)
{{ o.criterium(jaar) }}
UNION ALL
SELECT * FROM delen
