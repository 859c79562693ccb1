/* ---
id = "S2"
volgorde = 602
naam = "visitatie_actueel"
titel = "Visitatie actueel"
definitie = "De laatste visitatie ligt niet meer dan visitatie_jaren jaar voor de peildatum; waarde en drempel in dagen voor de peildatum."
dataset = "robuustheid"
herkomst = "Visitaties van de omgevingsdiensten door Omgevingsdienst NL, elke vier jaar (aanbeveling 9)"
drempels = ["visitatie_jaren"]
--- */
{% import "organisatie.sql" as o %}
{% set grens = jaren_voor(peildatum, drempel.visitatie_jaren.waarde) %}
WITH {{ o.per_dienst(jaar) }}
SELECT {{ o.drempel(jaar, "CAST(DATE('" ~ peildatum ~ "') AS INTEGER) - CAST(laatste_visitatie AS INTEGER)", "<=",
                    {"waarde": "CAST(DATE('" ~ peildatum ~ "') AS INTEGER) - CAST(DATE('" ~ grens ~ "') AS INTEGER)",
                     "bron": drempel.visitatie_jaren.bron},
                    "dagen", "'laatste_visitatie ontbreekt in organisatie.csv'",
                    toelichting="CASE WHEN NOT geleverd THEN " ~ o.geen_organisatie(jaar) ~ "
                                      WHEN laatste_visitatie IS NULL THEN 'laatste_visitatie ontbreekt in organisatie.csv'
                                      ELSE 'laatste visitatie ' || CAST(laatste_visitatie AS VARCHAR) || '; uiterlijk " ~ grens ~ " voor peildatum " ~ peildatum ~ " (" ~ (drempel.visitatie_jaren.waarde | int) ~ " jaar)' END") }}
FROM per_dienst
