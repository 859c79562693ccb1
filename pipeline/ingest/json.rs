//! JSON deliveries: one array of records per table. Keys become the header (in order
//! of first appearance), and each record keeps the line its object starts on, so
//! lineage points into the file as it does for CSV.

use serde_json::Value;

use super::table::{RawRow, RawTable, TableError};

/// The line each element of the top-level array starts on.
fn element_lines(text: &str) -> Vec<u64> {
    let (mut line, mut depth, mut in_str, mut esc) = (1u64, 0usize, false, false);
    // At depth 1, after `[` or `,`: the next non-blank character starts an element.
    let mut verwacht = false;
    let mut out = Vec::new();
    for ch in text.chars() {
        if ch == '\n' {
            line += 1;
        }
        if in_str {
            if esc {
                esc = false;
            } else if ch == '\\' {
                esc = true;
            } else if ch == '"' {
                in_str = false;
            }
            continue;
        }
        if depth == 1 && verwacht && !ch.is_whitespace() && ch != ']' {
            out.push(line);
            verwacht = false;
        }
        match ch {
            '"' => in_str = true,
            '[' | '{' => {
                depth += 1;
                if depth == 1 {
                    verwacht = true;
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            ',' if depth == 1 => verwacht = true,
            _ => {}
        }
    }
    out
}

fn tekst(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}

pub fn parse(text: &str) -> Result<RawTable, TableError> {
    let value: Value = serde_json::from_str(text).map_err(|e| TableError {
        line: e.line() as u64,
        message: format!("no valid JSON: {e}"),
    })?;
    let Value::Array(items) = value else {
        return Err(TableError {
            line: 1,
            message: "expected a JSON array of records (one object per row)".into(),
        });
    };
    let mut header: Vec<String> = Vec::new();
    for item in &items {
        if let Value::Object(m) = item {
            for k in m.keys() {
                let k = k.trim().to_lowercase();
                if !header.contains(&k) {
                    header.push(k);
                }
            }
        }
    }
    let lines = element_lines(text);
    let rows = items
        .iter()
        .enumerate()
        .map(|(i, item)| RawRow {
            line: lines.get(i).copied().unwrap_or(0),
            fields: match item {
                Value::Object(m) => header
                    .iter()
                    .map(|h| {
                        m.iter()
                            .find(|(k, _)| k.trim().to_lowercase() == *h)
                            .map(|(_, v)| tekst(v))
                            .unwrap_or_default()
                    })
                    .collect(),
                // Not a record: kept as one field, so it is counted and set aside.
                other => vec![other.to_string()],
            },
        })
        .collect();
    Ok(RawTable {
        header,
        rows,
        delimiter: b',',
    })
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn records_keep_their_line_and_all_keys() {
        let t = parse("[\n  {\"Controle_ID\": \"C1\", \"brzo\": true},\n  {\"controle_id\": \"C2\", \"bedrag\": 12.5, \"x\": null}\n]\n")
            .expect("valid");
        assert_eq!(t.header, vec!["controle_id", "brzo", "bedrag", "x"]);
        assert_eq!(t.rows[0].line, 2);
        assert_eq!(t.rows[0].fields, vec!["C1", "true", "", ""]);
        assert_eq!(t.rows[1].line, 3);
        assert_eq!(t.rows[1].fields, vec!["C2", "", "12.5", ""]);
        let e = parse("[{\"a\": 1},\n{\"a\": }]").expect_err("invalid");
        assert_eq!(e.line, 2);
        assert!(parse("{\"controles\": []}").is_err());
    }
}
