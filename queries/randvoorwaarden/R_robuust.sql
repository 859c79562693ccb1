/* ---
id = "R"
volgorde = 509
naam = "robuust"
titel = "Robuust (R1–R6)"
definitie = "Ja als R1–R6 alle ja zijn; nee als er één nee is; anders onbekend."
dataset = "robuustheid"
herkomst = "Samenwerkingsafspraken versterking VTH-stelsel, art. 3.4: robuust uiterlijk op de deadline"
--- */
{% import "organisatie.sql" as o %}
WITH {{ o.per_dienst(jaar) }},
delen AS (
    SELECT omgevingsdienst, voldoet
    FROM robuustheid
    WHERE criterium_id IN ('R1', 'R2', 'R3', 'R4', 'R5', 'R6') AND onderdeel IS NULL
)
{{ o.criterium(jaar, "'ja als R1–R6 alle ja zijn; nee als er één nee is; anders onbekend'") }}
