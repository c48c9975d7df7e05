//! `umis token …`: partner agencies' API tokens.

use super::TokenCommand;
use super::explain;
use umis_service::ServiceError;
use umis_service::{Ctx, Services};

/// Runs a token command.
pub(super) async fn run(
    services: &Services,
    cli_ctx: &Ctx,
    cmd: TokenCommand,
) -> anyhow::Result<()> {
    match cmd {
        TokenCommand::Create {
            client,
            scopes,
            agency,
            expires_days,
        } => {
            let issued = services
                .issue_agency_token(cli_ctx, &client, &scopes, expires_days, agency.as_deref())
                .await
                .map_err(explain)?;
            eprintln!(
                "token for '{client}' with scopes {} (shown once; store it securely):",
                issued.scopes
            );
            println!("{}", issued.token);
        }
        TokenCommand::Revoke { client } => match services.revoke_tokens(cli_ctx, &client).await {
            Ok(n) => println!("revoked {n} token(s) of '{client}'"),
            Err(ServiceError::NotFound) => {
                anyhow::bail!("client '{client}' has no live tokens")
            }
            Err(e) => return Err(explain(e)),
        },
        TokenCommand::List => {
            let now = services.now();
            for t in services.list_tokens(cli_ctx).await.map_err(explain)? {
                let status = if t.revoked_at.is_some() {
                    "revoked"
                } else if t.expires_at.is_some_and(|e| e <= now) {
                    "expired"
                } else {
                    "active"
                };
                println!(
                    "{:<6} {:<24} {:<8} {:<12} {}",
                    t.id, t.client_name, status, t.token_prefix, t.scopes
                );
            }
        }
    }
    Ok(())
}
