//! Arbitrary glob text and paths → `Glob::new` / `is_match`: no panic, error spans inside the
//! glob, and without `**` a match never lets `*`, `?` or a class cross `/`.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod common;

fuzz_target!(|input: (String, Vec<String>)| {
    let (glob, paths) = input;
    let mut paths: Vec<&str> = paths.iter().map(String::as_str).take(8).collect();
    // The glob read as a path, and with its wildcards filled in, tends to match.
    let filled = glob.replace(['*', '?'], "a/b");
    paths.push(&glob);
    paths.push(&filled);
    common::check_glob(&glob, &paths);
});
