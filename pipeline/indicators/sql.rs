//! The one renderer of query templates, for the indicators and the randvoorwaarden
//! alike: minijinja over the SQL of a query file, with the macros of `macros/`
//! beside it (as dbt's), strict on an unknown variable: a threshold or a year the
//! pipeline does not pass is an error naming the query, never an empty value.

use std::path::Path;

use minijinja::{Environment, UndefinedBehavior, Value};

use crate::error::{Error, Result};

/// The environment for the query files of folder `map` (its `macros/` loaded).
pub fn omgeving(map: Option<&Path>) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    if let Some(map) = map {
        env.set_loader(minijinja::path_loader(map.join("macros")));
    }
    env
}

/// The SQL of query `id` (from file `bron`) with `variabelen` filled in.
pub fn render(
    env: &Environment,
    id: &str,
    bron: &str,
    sql: &str,
    variabelen: Value,
) -> Result<String> {
    env.render_str(sql, variabelen)
        .map_err(|e| Error::Indicator {
            indicator: id.to_string(),
            message: format!("{bron}: template error: {e:#}"),
        })
}
