{# SQL shared by the criteria read from organisatie.csv (R1–R6, S1–S3). #}

{# Every omgevingsdienst of the reference list with its organisatie.csv of the year;
   geleverd is false when there is none (every criterion is then onbekend). #}
{% macro per_dienst(jaar) -%}
org AS (
    SELECT * FROM organisatie WHERE jaar = {{ jaar }}
),
per_dienst AS (
    SELECT d.code AS omgevingsdienst, d.gemeenten, o.*,
           o.partij IS NOT NULL AS geleverd
    FROM omgevingsdiensten d
    LEFT JOIN org o ON o.partij = d.code
)
{%- endmacro %}

{% macro geen_organisatie(jaar) -%}
'geen organisatie.csv over {{ jaar }} ontvangen'
{%- endmacro %}

{# The columns of a robuustheid row, in the order every part of a UNION gives them. #}
{% macro rij(onderdeel, volgorde, voldoet, waarde, drempel, vergelijking, eenheid, drempel_bron, toelichting) -%}
omgevingsdienst,
CAST({{ onderdeel }} AS VARCHAR) AS onderdeel,
CAST({{ volgorde }} AS INTEGER) AS volgorde,
CAST({{ voldoet }} AS VARCHAR) AS voldoet,
CAST({{ waarde }} AS DOUBLE) AS waarde,
CAST({{ drempel }} AS DOUBLE) AS drempel,
CAST({{ vergelijking }} AS VARCHAR) AS vergelijking,
CAST({{ eenheid }} AS VARCHAR) AS eenheid,
CAST({{ drempel_bron }} AS VARCHAR) AS drempel_bron,
CAST({{ toelichting }} AS VARCHAR) AS toelichting
{%- endmacro %}

{# A yes/no input of organisatie.csv: ja, nee, or onbekend when it is missing. #}
{% macro janee(kolom, jaar, onderdeel="NULL", volgorde=0) -%}
{{ rij(onderdeel, volgorde,
       "CASE WHEN " ~ kolom ~ " THEN 'ja' WHEN NOT " ~ kolom ~ " THEN 'nee' ELSE 'onbekend' END",
       "CASE WHEN " ~ kolom ~ " THEN 1.0 WHEN NOT " ~ kolom ~ " THEN 0.0 END",
       "NULL", "'ja'", "NULL", "NULL",
       "CASE WHEN NOT geleverd THEN " ~ geen_organisatie(jaar) ~ " WHEN " ~ kolom ~ " IS NULL THEN '" ~ kolom ~ " ontbreekt in organisatie.csv' END") }}
{%- endmacro %}

{# A value against a threshold (d.waarde: a number or an SQL expression): onbekend
   when the value is missing. toelichting replaces the default explanation. #}
{% macro drempel(jaar, waarde, op, d, eenheid, ontbreekt, onderdeel="NULL", volgorde=0, toelichting=none) -%}
{{ rij(onderdeel, volgorde,
       "CASE WHEN (" ~ waarde ~ ") IS NULL THEN 'onbekend' WHEN (" ~ waarde ~ ") " ~ op ~ " (" ~ d.waarde ~ ") THEN 'ja' ELSE 'nee' END",
       waarde, d.waarde, "'" ~ op ~ "'", "'" ~ eenheid ~ "'", d.bron | tekst,
       toelichting or ("CASE WHEN NOT geleverd THEN " ~ geen_organisatie(jaar) ~ " WHEN (" ~ waarde ~ ") IS NULL THEN " ~ ontbreekt ~ " END")) }}
{%- endmacro %}

{# The criterion row over its parts (the CTE `delen`): nee when a part is nee,
   otherwise onbekend when a part is onbekend, otherwise ja. #}
{% macro criterium(jaar, toelichting="NULL") -%}
SELECT {{ rij("NULL", 0,
       "CASE WHEN NOT d.geleverd THEN 'onbekend' WHEN s.nee > 0 THEN 'nee' WHEN s.onbekend > 0 THEN 'onbekend' ELSE 'ja' END",
       "NULL", "NULL", "NULL", "NULL", "NULL",
       "CASE WHEN NOT d.geleverd THEN " ~ geen_organisatie(jaar) ~ " ELSE " ~ toelichting ~ " END") }}
FROM per_dienst d
LEFT JOIN (
    SELECT omgevingsdienst AS od,
           SUM(CASE WHEN voldoet = 'nee' THEN 1 ELSE 0 END) AS nee,
           SUM(CASE WHEN voldoet = 'onbekend' THEN 1 ELSE 0 END) AS onbekend
    FROM delen
    GROUP BY omgevingsdienst
) s ON s.od = d.omgevingsdienst
{%- endmacro %}
