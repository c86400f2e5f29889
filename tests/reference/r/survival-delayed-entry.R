# Reference numbers for kaplanMeier and logRankTest with delayed entry (left truncation):
# survival::survfit(Surv(entry, exit, event) ~ group) for the curves, and for the test (survdiff
# takes no counting-process data) the log-rank sums written out over the risk sets
# entry < t <= exit, checked two ways: with no delayed entry they must equal survdiff, and on a
# copy of the data without tied event times the statistic must equal the score test of
# coxph(Surv(entry, exit, event) ~ group, ties = "breslow").
# Run from the repository root: Rscript tests/reference/r/survival-delayed-entry.R
suppressPackageStartupMessages(library(survival))
source("tests/reference/r/json.R")

d <- read.csv("tests/reference/data/survival-delayed-entry.csv", stringsAsFactors = FALSE)
summary_times <- c(0, 1, 4.5, 8, 15, 30)

curves <- function(fit, labels) {
  strata <- if (is.null(fit$strata)) setNames(length(fit$time), labels) else fit$strata
  ends <- cumsum(strata)
  starts <- ends - strata + 1
  q <- quantile(fit, probs = 0.5)
  lapply(seq_along(strata), function(s) {
    i <- starts[s]:ends[s]
    m <- function(x) if (is.matrix(x)) x[s, 1] else x[[1]]
    list(group = labels[s], time = as_array(fit$time[i]), n_risk = as_array(fit$n.risk[i]),
         n_event = as_array(fit$n.event[i]), n_censor = as_array(fit$n.censor[i]), surv = as_array(fit$surv[i]),
         std_err = as_array(fit$std.err[i]), lower = as_array(fit$lower[i]), upper = as_array(fit$upper[i]),
         median = list(estimate = m(q$quantile), lower = m(q$lower), upper = m(q$upper)))
  })
}

summaries <- function(fit, labels) {
  s <- summary(fit, times = summary_times)
  grp <- if (is.null(s$strata)) rep(labels, length(s$time)) else sub("^group=", "", as.character(s$strata))
  list(group = as_array(grp), time = as_array(s$time), n_risk = as_array(s$n.risk), n_event = as_array(s$n.event),
       n_censor = as_array(s$n.censor), surv = as_array(s$surv), std_err = as_array(s$std.err),
       lower = as_array(s$lower), upper = as_array(s$upper))
}

km <- list()
for (ct in c("log", "log-log", "plain")) {
  fit <- survfit(Surv(entry, exit, event) ~ group, data = d, conf.type = ct)
  km[[ct]] <- list(curves = curves(fit, c("a", "b")), summary = summaries(fit, c("a", "b")))
}
fit90 <- survfit(Surv(entry, exit, event) ~ 1, data = d, conf.type = "log", conf.int = 0.9)
km[["pooled_log_90"]] <- list(curves = curves(fit90, "all"), summary = summaries(fit90, "all"))

# Log-rank (G-rho) sums over the risk sets entry < t <= exit, as survdiff defines them for
# right-censored data: hypergeometric expectation and covariance at each event time, weights
# S(t-)^rho from the pooled product-limit over the same risk sets.
logrank_delayed <- function(entry, exit, event, group, rho = 0) {
  lev <- sort(unique(group))
  k <- length(lev)
  O <- numeric(k); E <- numeric(k); V <- matrix(0, k, k)
  km <- 1
  for (t in sort(unique(exit[event == 1]))) {
    at_risk <- entry < t & exit >= t
    n <- sum(at_risk)
    nk <- sapply(lev, function(g) sum(at_risk & group == g))
    dk <- sapply(lev, function(g) sum(exit == t & event == 1 & group == g))
    dd <- sum(dk)
    w <- km^rho
    O <- O + w * dk
    E <- E + w * dd * nk / n
    if (n > 1) V <- V + w^2 * dd * (n - dd) / (n - 1) * (diag(nk / n, k) - outer(nk / n, nk / n))
    km <- km * (n - dd) / n
  }
  keep <- which(E > 0)[-1]
  chisq <- as.numeric(t(O[keep] - E[keep]) %*% solve(V[keep, keep, drop = FALSE], O[keep] - E[keep]))
  df <- length(which(E > 0)) - 1
  list(rho = rho, groups = as_array(lev), n = as_array(as.numeric(table(factor(group, lev)))),
       observed = as_array(O), expected = as_array(E),
       variance = lapply(seq_len(k), function(r) as_array(V[r, ])),
       chisq = chisq, df = df, p_value = pchisq(chisq, df, lower.tail = FALSE))
}

# Check 1: with no delayed entry the written-out sums are survdiff's.
for (g in c("group", "group3")) for (rho in c(0, 1)) {
  mine <- logrank_delayed(rep(-Inf, nrow(d)), d$exit, d$event, d[[g]], rho)
  ref <- survdiff(Surv(d$exit, d$event) ~ d[[g]], rho = rho)
  stopifnot(abs(mine$chisq - ref$chisq) < 1e-9, max(abs(mine$expected - ref$exp)) < 1e-9)
}

# Check 2: without tied event times the log-rank statistic is coxph's score test (Breslow).
untied <- d
untied$exit <- d$exit + seq_len(nrow(d)) / 1000
score_tests <- list()
for (g in c("group", "group3")) {
  mine <- logrank_delayed(untied$entry, untied$exit, untied$event, untied[[g]], 0)
  cox <- coxph(Surv(untied$entry, untied$exit, untied$event) ~ factor(untied[[g]]), ties = "breslow")
  sc <- summary(cox)$sctest
  stopifnot(abs(mine$chisq - sc[["test"]]) < 1e-9 * max(1, sc[["test"]]))
  score_tests[[g]] <- list(logrank = mine, coxph_score = list(statistic = sc[["test"]], df = sc[["df"]], p_value = sc[["pvalue"]]))
}

write_json_file(list(
  versions = versions("survival"),
  summary_times = as_array(summary_times),
  kaplan_meier = km,
  log_rank = list(
    two_groups = logrank_delayed(d$entry, d$exit, d$event, d$group, 0),
    two_groups_rho1 = logrank_delayed(d$entry, d$exit, d$event, d$group, 1),
    three_groups = logrank_delayed(d$entry, d$exit, d$event, d$group3, 0)
  ),
  untied = list(exit = as_array(untied$exit), two_groups = score_tests$group, three_groups = score_tests$group3)
), "tests/reference/expected/survival-delayed-entry.json")
