{# SQL shared by the stelsel conditions S4–S7 (spec/stelsel.md). #}

{# The columns of a stelsel row, in the order every part of a UNION gives them. #}
{% macro rij(niveau, eenheid, dimensie="NULL", dimensie_waarde="NULL", uitkomst="NULL", vorig="NULL", waarde="NULL", teller="NULL", noemer="NULL", datum="NULL", soort="NULL", verantwoordelijk="NULL", bron="NULL", toelichting="NULL") -%}
CAST({{ niveau }} AS VARCHAR) AS niveau,
CAST({{ eenheid }} AS VARCHAR) AS eenheid,
CAST({{ dimensie }} AS VARCHAR) AS dimensie,
CAST({{ dimensie_waarde }} AS VARCHAR) AS dimensie_waarde,
CAST({{ uitkomst }} AS VARCHAR) AS uitkomst,
CAST({{ vorig }} AS VARCHAR) AS vorig,
CAST({{ waarde }} AS DOUBLE) AS waarde,
CAST({{ teller }} AS BIGINT) AS teller,
CAST({{ noemer }} AS BIGINT) AS noemer,
CAST({{ datum }} AS DATE) AS datum,
CAST({{ soort }} AS VARCHAR) AS soort,
CAST({{ verantwoordelijk }} AS VARCHAR) AS verantwoordelijk,
CAST({{ bron }} AS VARCHAR) AS bron,
CAST({{ toelichting }} AS VARCHAR) AS toelichting
{%- endmacro %}

{# The latest row per `sleutel` of `tabel` up to `tot` (a date): the newest `datum`
   first, on one day the later step (`volgorde`, higher is later). #}
{% macro laatste(naam, tabel, sleutel, datum, volgorde, tot) -%}
{{ naam }}_rang AS (
    SELECT *,
           ROW_NUMBER() OVER (PARTITION BY {{ sleutel }}
                              ORDER BY {{ datum }} DESC, {{ volgorde }} DESC) AS rang
    FROM {{ tabel }}
    WHERE {{ datum }} <= DATE('{{ tot }}')
),
{{ naam }} AS (
    SELECT * FROM {{ naam }}_rang WHERE rang = 1
)
{%- endmacro %}
