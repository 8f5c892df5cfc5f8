//! `tiendo agency …` on PostgreSQL (`--store`), while the nodes run: the nodes share the
//! database, so a change written here reaches them as another node's would. A registry change
//! is a chunk of the workspace document written by this command as the server's device (an
//! actor of its own, so it never reuses a node's sequence numbers), then announced on the
//! nodes' channel; access codes change in the accounts row, in one transaction.

use crate::accounts::{now_ms, random_bytes, CodePolicy};
use crate::agency_cli::{AgencyCommand, GroupCommand};
use crate::backend::{Backend, Place};
use crate::error::CliError;
use crate::identity::ServerDevice;
use crate::registry::Edit;
use crate::serve_error::ServeError;
use crate::store::WORKSPACE_DOC;
use std::io::Write;
use tiendo_core::schema::edit::RegistryEditError;
use tiendo_core::schema::WorkspaceDoc;
use tiendo_core::storage::{StoredDoc, Write as Save};

/// Runs an agency command on the database at `url`.
pub fn run(command: AgencyCommand, url: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let rt = tokio::runtime::Runtime::new().map_err(CliError::io("tokio runtime"))?;
    rt.block_on(async {
        let backend = Place::Postgres(url).open().await?;
        let (stored, ws) = workspace(&backend).await?;
        match command {
            AgencyCommand::List { json } => crate::registry::print_list(&ws, json, out),
            AgencyCommand::Code { agency, laptops, days } => {
                let policy = CodePolicy { laptops: laptops.max(1), days: days.max(1) };
                let found = crate::commands::issuable(&ws, &agency)?;
                let random = random_bytes::<26>().map_err(ServeError::from)?;
                let (code, _) =
                    backend.update_accounts(|a| Ok(a.issue(found.id.clone(), random, now_ms(), policy))).await?;
                crate::commands::tell_code(&found, &code, policy, out)
            }
            AgencyCommand::Group { command: GroupCommand::List { json } } => {
                crate::registry::print_groups(&ws, json, out)
            }
            other => match other.edit() {
                Some((edit, on)) => change_registry(&backend, stored, &edit, on.as_deref(), out).await,
                None => Ok(()),
            },
        }
    })
}

/// The workspace document as stored, and what it says.
async fn workspace(backend: &Backend) -> Result<(StoredDoc, WorkspaceDoc), CliError> {
    let stored = backend.doc(WORKSPACE_DOC).await?.ok_or(ServeError::EmptyStore)?;
    let ws = read(&stored)?;
    Ok((stored, ws))
}

fn read(stored: &StoredDoc) -> Result<WorkspaceDoc, ServeError> {
    tiendo_core::schema::read(&stored.doc)
        .map_err(|source| ServeError::Unreadable { id: WORKSPACE_DOC.into(), source: Box::new(source) })
}

/// Applies `change`, stores it, tells the running nodes, and revokes an ended agency's access.
async fn change_registry(
    backend: &Backend,
    mut stored: StoredDoc,
    change: &Edit,
    on: Option<&str>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let on = crate::commands::day_arg(on)?;
    let server = ServerDevice::load_or_create_in(backend, &mut stored).await?;
    stored.doc.set_actor(server.actor());
    let id = change.apply(&mut stored.doc, on).map_err(|e| match e {
        RegistryEditError::Refused(e) => CliError::Registry(e),
        RegistryEditError::Doc(source) => CliError::Serve(ServeError::Unreadable { id: WORKSPACE_DOC.into(), source }),
    })?;
    tiendo_core::changes::commit_at(&mut stored.doc, now_ms());
    let Some(chunk) = stored.take_chunk().map_err(|e| ServeError::Backend(e.into()))? else { return Ok(()) };
    let key = chunk.key.encode();
    if backend.write(vec![Save::Chunk(chunk)]).await.is_err() {
        let why = tiendo_core::storage::StorageError::Backend("the registry change was not stored".into());
        return Err(ServeError::Backend(why.into()).into());
    }
    if let Backend::Pg(pg) = backend {
        // A node that misses this hears of it at its next reconnection (it reads everything).
        if let Err(e) = pg.notify(&[key]).await {
            tracing::warn!(error = %e, "could not tell the nodes of the registry change");
        }
    }
    let revoked = match change.ends() {
        Some(from) => backend.update_accounts(|a| Ok(a.end_agency(from))).await?.0,
        None => 0,
    };
    writeln!(out, "{}", crate::registry::said(change, &read(&stored)?, &id, on, revoked))
        .map_err(CliError::io("stdout"))
}
