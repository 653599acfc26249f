//! Ctrl-C (SIGINT) and SIGTERM as a request to stop, not a kill.
//!
//! By default either signal ends the process on the spot: no destructor
//! runs, so a half-written temporary file beside the output would stay. Once
//! [`Interrupt::install`] has run, the first signal only sets a flag that
//! the long loops of kg-core poll; they stop, clean up and return
//! [`kg_core::Error::Cancelled`], and kg exits with 128 + the signal number,
//! as a shell reports a process killed by it. A second signal while
//! stopping ends kg at once, for a user who will not wait.

use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use anyhow::Context;
use signal_hook::consts::{SIGINT, SIGTERM};

/// The flag the signals set, and which signal it was.
#[derive(Debug, Clone)]
pub struct Interrupt {
    flag: Arc<AtomicBool>,
    signal: Arc<AtomicUsize>,
}

impl Interrupt {
    /// Replaces the default action of SIGINT and SIGTERM for the rest of
    /// the process.
    pub fn install() -> anyhow::Result<Interrupt> {
        let flag = Arc::new(AtomicBool::new(false));
        let signal = Arc::new(AtomicUsize::new(0));
        for sig in [SIGINT, SIGTERM] {
            // Registered first, so it sees the flag as the previous signal
            // left it: only a second signal exits at once.
            signal_hook::flag::register_conditional_shutdown(sig, 128 + sig, Arc::clone(&flag))
                .and_then(|_| {
                    signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)
                })
                .and_then(|_| signal_hook::flag::register(sig, Arc::clone(&flag)))
                .context("cannot install the Ctrl-C handler")?;
        }
        Ok(Interrupt { flag, signal })
    }

    /// The flag to hand to kg-core.
    pub fn flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.flag)
    }

    /// Whether a signal has come.
    pub fn is_set(&self) -> bool {
        self.flag.load(Ordering::SeqCst)
    }

    /// The exit code for a run stopped by the signal received: 130 for
    /// SIGINT, 143 for SIGTERM.
    pub fn exit_code(&self) -> u8 {
        let sig = self.signal.load(Ordering::SeqCst);
        u8::try_from(128 + if sig == 0 { SIGINT as usize } else { sig }).unwrap_or(130)
    }

    /// Which signal it was, as a user would name it.
    pub fn name(&self) -> &'static str {
        if self.signal.load(Ordering::SeqCst) == SIGTERM as usize {
            "terminated (SIGTERM)"
        } else {
            "interrupted (Ctrl-C)"
        }
    }

    /// Says that `what` stopped and what became of `output`, and gives the
    /// exit code.
    pub fn report(&self, what: &str, output: &Path) -> ExitCode {
        let state = if output.is_dir() {
            "the files there are unchanged"
        } else if output.exists() {
            "the file there is unchanged"
        } else {
            "no file was created"
        };
        eprintln!(
            "kg: {}: {what} stopped, nothing written to {} ({state}); run kg {what} again to write it",
            self.name(),
            output.display()
        );
        ExitCode::from(self.exit_code())
    }
}
