//! Arguments of the administration commands: users, offices, tokens, audit, keys.

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an officer account; the password is read from standard input.
    Add {
        #[arg(long)]
        username: String,
        /// case_officer, decision_maker, inspector, analyst, auditor or admin.
        #[arg(long)]
        role: String,
        /// Office code.
        #[arg(long, default_value = "HQ")]
        office: String,
        /// Read the password from the first line of standard input.
        #[arg(long, required = true)]
        password_stdin: bool,
        /// Full name, as decision letters sign them.
        #[arg(long, default_value = "")]
        full_name: String,
    },
    /// Record an officer's full name, as decision letters sign them.
    SetName {
        /// The officer's login name.
        username: String,
        /// The full name (an empty one clears it).
        full_name: String,
    },
    /// List officer accounts.
    List,
    /// Disable an account; its sessions end at once.
    Disable { username: String },
    /// Re-enable a disabled account.
    Enable { username: String },
    /// Remove an officer's second factor (lost authenticator); they enrol again when required.
    ResetMfa { username: String },
    /// Set a new password (read from standard input); the account's sessions end.
    ResetPassword {
        username: String,
        #[arg(long, required = true)]
        password_stdin: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum OfficeCommand {
    /// Create or rename an office.
    Add {
        /// Code: 2–16 uppercase letters, digits or '-'.
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
        /// Officers of this office see data nationwide.
        #[arg(long)]
        national: bool,
        /// The border crossing points the office answers for, comma-separated (its officers
        /// see the alerts raised there); an empty value clears the list, when the office
        /// answers for the crossing point with its own code. Left as it is when not given.
        #[arg(long, value_name = "BCP,BCP")]
        crossing_points: Option<String>,
        /// The regions the office answers for, separated by semicolons, as registrations at
        /// the place of stay name them (its officers see the overstays of persons registered
        /// there); an empty value clears the list. Left as it is when not given.
        #[arg(long, value_name = "REGION;REGION")]
        regions: Option<String>,
    },
    /// List offices (code, scope, crossing points, regions, name).
    List,
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Issue a bearer token for a partner agency client (printed once).
    Create {
        /// Client name: 3–64 lowercase letters, digits, '.', '_' or '-'.
        #[arg(long)]
        client: String,
        /// Comma-separated scopes.
        #[arg(long, id = "scopes")]
        scopes: String,
        /// The partner body the client speaks for (security, internal_affairs,
        /// foreign_affairs, labour, border): it sees and answers that body's checks.
        #[arg(long)]
        agency: Option<String>,
        /// Days until the token expires (1–3650); no expiry when omitted.
        #[arg(long)]
        expires_days: Option<i64>,
    },
    /// Revoke every token of a client; they stop working at once.
    Revoke {
        #[arg(long)]
        client: String,
    },
    /// List tokens (never the secrets).
    List,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check the hash chain and every signed checkpoint: exit 0 when intact, 1 naming the
    /// first broken entry or checkpoint.
    Verify,
    /// Verify the chain, then sign its head with the active audit key and store the
    /// checkpoint (the first one makes the key).
    Checkpoint,
}

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// List every key: purpose, key id, created, active or retired.
    List,
    /// Make a new active key for a purpose and retire the old one (its public key is kept so
    /// what it signed still verifies).
    Rotate {
        /// What the key signs, e.g. `audit`.
        #[arg(long)]
        purpose: String,
    },
}
