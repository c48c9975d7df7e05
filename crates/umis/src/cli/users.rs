//! `umis user …`: officer accounts.

use super::UserCommand;
use super::explain;
use anyhow::Context;
use std::io::BufRead;
use umis_service::NewUserInput;
use umis_service::{Ctx, Services};

fn read_password_stdin() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("reading the password from standard input")?;
    let pw = line.trim_end_matches(['\r', '\n']).to_owned();
    anyhow::ensure!(!pw.is_empty(), "no password on standard input");
    Ok(pw)
}

/// Runs a user command.
pub(super) async fn run(services: &Services, ctx: &Ctx, cmd: UserCommand) -> anyhow::Result<()> {
    match cmd {
        UserCommand::Add {
            username,
            role,
            office,
            password_stdin: _,
            full_name,
        } => {
            let password = read_password_stdin()?;
            let user = services
                .create_user(
                    ctx,
                    NewUserInput {
                        username,
                        role,
                        office_code: office,
                        password,
                        mfa_exempt: false,
                        full_name,
                    },
                )
                .await
                .map_err(explain)?;
            println!(
                "user {} created ({}, office {})",
                user.username, user.role, user.office_code
            );
        }
        UserCommand::SetName {
            username,
            full_name,
        } => {
            let user = services
                .set_user_full_name(ctx, &username, &full_name)
                .await
                .map_err(explain)?;
            println!(
                "full name of {} recorded: {}",
                user.username, user.full_name
            );
        }
        UserCommand::List => {
            println!(
                "{:<24} {:<16} {:<14} {:<9} {:<6} NAME",
                "USERNAME", "ROLE", "OFFICE", "STATUS", "2FA"
            );
            for u in services.list_users(ctx).await.map_err(explain)? {
                println!(
                    "{:<24} {:<16} {:<14} {:<9} {:<6} {}",
                    u.username,
                    u.role.as_str(),
                    u.office_code,
                    if u.disabled { "disabled" } else { "active" },
                    if u.totp_enabled {
                        "on"
                    } else if u.mfa_exempt {
                        "exempt"
                    } else {
                        "off"
                    },
                    u.full_name
                );
            }
        }
        UserCommand::Disable { username } => {
            services
                .set_user_disabled(ctx, &username, true)
                .await
                .map_err(explain)?;
            println!("user {username} disabled; their sessions have ended");
        }
        UserCommand::Enable { username } => {
            services
                .set_user_disabled(ctx, &username, false)
                .await
                .map_err(explain)?;
            println!("user {username} enabled");
        }
        UserCommand::ResetMfa { username } => {
            services
                .reset_user_mfa(ctx, &username)
                .await
                .map_err(explain)?;
            println!("second factor of {username} removed");
        }
        UserCommand::ResetPassword {
            username,
            password_stdin: _,
        } => {
            let password = read_password_stdin()?;
            services
                .reset_password(ctx, &username, &password)
                .await
                .map_err(explain)?;
            println!("password of {username} replaced; their sessions have ended");
        }
    }
    Ok(())
}
