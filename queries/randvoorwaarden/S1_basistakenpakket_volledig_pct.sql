/* ---
id = "S1"
volgorde = 601
naam = "basistakenpakket_volledig_pct"
titel = "Basistakenpakket volledig ingebracht"
definitie = "Teller: gemeenten_basistaken_volledig uit organisatie.csv; noemer: het aantal gemeenten van de omgevingsdienst in de referentielijst. Voldaan bij ten minste de drempel basistaken_pct."
dataset = "robuustheid"
herkomst = "Samenwerkingsafspraken versterking VTH-stelsel; aanbeveling 4 van de commissie Van Aartsen"
drempels = ["basistaken_pct"]
--- */
{% import "organisatie.sql" as o %}
WITH {{ o.per_dienst(jaar) }}
SELECT {{ o.drempel(jaar, "CASE WHEN gemeenten > 0 THEN 100.0 * gemeenten_basistaken_volledig / gemeenten END", ">=",
                    drempel.basistaken_pct, "procent", "NULL",
                    toelichting="CASE WHEN NOT geleverd THEN " ~ o.geen_organisatie(jaar) ~ "
                                      WHEN gemeenten = 0 THEN 'de referentielijst kent geen gemeenten van deze omgevingsdienst'
                                      WHEN gemeenten_basistaken_volledig IS NULL THEN 'gemeenten_basistaken_volledig ontbreekt in organisatie.csv'
                                      ELSE CAST(gemeenten_basistaken_volledig AS VARCHAR) || ' van ' || CAST(gemeenten AS VARCHAR) || ' gemeenten' END") }}
FROM per_dienst
