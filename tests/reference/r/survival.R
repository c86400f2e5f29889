# Reference numbers for kaplanMeier and logRankTest from survival::survfit and survival::survdiff.
# Run from the repository root: Rscript tests/reference/r/survival.R
suppressPackageStartupMessages(library(survival))
source("tests/reference/r/json.R")

d <- read.csv("tests/reference/data/survival.csv", stringsAsFactors = FALSE)
summary_times <- c(0, 5, 10, 17.5, 25)

curves <- function(fit, labels) {
  strata <- if (is.null(fit$strata)) setNames(length(fit$time), labels) else fit$strata
  ends <- cumsum(strata)
  starts <- ends - strata + 1
  q <- quantile(fit, probs = 0.5)
  lapply(seq_along(strata), function(s) {
    i <- starts[s]:ends[s]
    m <- function(x) if (is.matrix(x)) x[s, 1] else x[[1]]
    # R's std.err and limits per distinct time; NA limits where S = 0 (and S = 1 for log-log).
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
  fit <- survfit(Surv(time, event) ~ group, data = d, conf.type = ct)
  km[[ct]] <- list(curves = curves(fit, c("a", "b", "c")), summary = summaries(fit, c("a", "b", "c")))
}
fit90 <- survfit(Surv(time, event) ~ 1, data = d, conf.type = "log", conf.int = 0.9)
km[["pooled_log_90"]] <- list(curves = curves(fit90, "all"), summary = summaries(fit90, "all"))

logrank <- function(data, rho) {
  t <- survdiff(Surv(time, event) ~ group, data = data, rho = rho)
  list(rho = rho, groups = as_array(sub("^group=", "", names(t$n))), n = as_array(as.numeric(t$n)),
       observed = as_array(as.numeric(t$obs)), expected = as_array(as.numeric(t$exp)),
       variance = lapply(seq_len(nrow(t$var)), function(r) as_array(t$var[r, ])),
       chisq = t$chisq, df = length(t$n) - 1,
       p_value = pchisq(t$chisq, length(t$n) - 1, lower.tail = FALSE))
}
ab <- d[d$group != "c", ]

# Censoring before the first event: S = 1 at a curve time, where log-log limits are NA.
early <- read.csv("tests/reference/data/survival-early-censoring.csv")
early_times <- c(0, 0.5, 1, 1.5, 2, 7)
early_fits <- lapply(c(log = "log", `log-log` = "log-log", plain = "plain"), function(ct) {
  fit <- survfit(Surv(time, event) ~ 1, data = early, conf.type = ct)
  s <- summary(fit, times = early_times)
  list(curves = curves(fit, "all"),
       summary = list(group = as_array(rep("all", length(s$time))), time = as_array(s$time), n_risk = as_array(s$n.risk),
                      n_event = as_array(s$n.event), n_censor = as_array(s$n.censor), surv = as_array(s$surv),
                      std_err = as_array(s$std.err), lower = as_array(s$lower), upper = as_array(s$upper)))
})

write_json_file(list(
  versions = versions("survival"),
  summary_times = as_array(summary_times),
  kaplan_meier = km,
  early_censoring = list(summary_times = as_array(early_times), fits = early_fits),
  log_rank = list(three_groups = logrank(d, 0), three_groups_rho1 = logrank(d, 1), two_groups = logrank(ab, 0))
), "tests/reference/expected/survival.json")
