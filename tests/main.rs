//! Integration tests: run the real `buyin` binary on small sites written for each case.

mod support;

mod build;
mod check;
mod errors;
mod explain;
mod incremental;
mod journey;
mod languages;
mod new;
mod pages;
mod project;
mod report;
mod robustness;
mod scale;
mod schema;
mod serve;
mod zones;
