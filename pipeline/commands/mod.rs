//! One module per command (as uv's `commands/`): each takes its parsed arguments,
//! runs the stages it needs and prints what the user asked for. Typed errors go up
//! to `main`, the only place that reports them.

pub mod bench;
pub mod check;
pub mod fetch;
pub mod generate;
pub mod indicators;
pub mod ingest;
pub mod run;
pub mod schema;
pub mod unmapped;
pub mod validate;
pub mod verify;

use crate::cli::{BatchArgs, Cli, Command};
use crate::error::Result;

/// Runs the command; its exit code is success unless the command says otherwise
/// (`vth check` on a delivery that would not pass).
pub fn execute(cli: Cli) -> Result<std::process::ExitCode> {
    let gedaan = match cli.command.unwrap_or(Command::Run(BatchArgs::default())) {
        Command::Check(a) => return check::execute(a),
        Command::Schema(a) => schema::execute(a),
        Command::Run(a) => run::execute(a),
        Command::Fetch(a) => fetch::execute(a),
        Command::Bench(a) => bench::execute(a),
        Command::Ingest(a) => ingest::execute(a),
        Command::Validate(a) => validate::execute(a),
        Command::Indicators(a) => indicators::execute(a),
        Command::Unmapped(a) => unmapped::execute(a),
        Command::Verify(a) => verify::execute(a),
        Command::Generate(a) => generate::execute(a),
    };
    gedaan.map(|()| std::process::ExitCode::SUCCESS)
}
