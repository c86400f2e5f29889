# Reference numbers for coxRegression / coxZph / coxSurvival: survival::coxph, cox.zph, survfit.coxph.
# Run from the repository root: Rscript tests/reference/r/cox.R
suppressMessages(library(survival))
source("tests/reference/r/json.R")
dir <- "tests/reference"

# Inputs: lung (complete cases of the covariates used), veteran, and a seeded counting-process set with
# delayed entry, tied times, weights, clusters, strata and a categorical covariate.
lung2 <- na.omit(lung[, c("time", "status", "age", "sex", "ph.ecog", "wt.loss")])
lung2$event <- as.integer(lung2$status == 2)
lung2$sexlab <- ifelse(lung2$sex == 1, "male", "female")
write.csv(lung2[, c("time", "event", "age", "sexlab", "ph.ecog", "wt.loss")], file.path(dir, "data/cox-lung.csv"), row.names = FALSE)
vet <- veteran
write.csv(vet[, c("time", "status", "trt", "karno", "age", "celltype", "prior")], file.path(dir, "data/cox-veteran.csv"), row.names = FALSE)
set.seed(20261201)
n <- 240
cp <- data.frame(id = rep(1:80, each = 3))
cp$x1 <- round(rnorm(n), 2)
cp$grp <- sample(c("a", "b", "c"), n, replace = TRUE)
cp$s <- sample(c("north", "south"), n, replace = TRUE)
cp$w <- sample(c(0.5, 1, 1, 2), n, replace = TRUE)
cp$entry <- sample(0:6, n, replace = TRUE)
haz <- 0.08 * exp(0.5 * cp$x1 + ifelse(cp$grp == "a", 0.4, ifelse(cp$grp == "c", -0.3, 0)))
cp$exit <- cp$entry + pmax(1, ceiling(rexp(n, haz)))
cens <- cp$entry + sample(3:30, n, replace = TRUE)
cp$event <- as.integer(cp$exit <= cens)
cp$exit <- pmin(cp$exit, cens)
write.csv(cp, file.path(dir, "data/cox-counting.csv"), row.names = FALSE)

ctl <- coxph.control(eps = 1e-14, toler.chol = 1e-15, iter.max = 100)
cp$grpb <- relevel(factor(cp$grp), "b")
newgrp <- function(g) factor(g, levels = levels(cp$grpb))

summarise <- function(fit, newdata = NULL) {
  s <- summary(fit)
  out <- list(
    names = as_array(names(coef(fit))),
    coef = as_array(unname(coef(fit))),
    var = lapply(seq_len(nrow(fit$var)), function(i) as_array(fit$var[i, ])),
    loglik = as_array(fit$loglik),
    score = unname(fit$score),
    wald = unname(fit$wald.test),
    logtest = unname(s$logtest[["test"]]),
    iter = fit$iter,
    concordance = as.list(fit$concordance[c("concordant", "discordant", "tied.x", "tied.y", "tied.xy", "concordance")])
  )
  if (!is.null(fit$naive.var)) {
    out$naive_var <- lapply(seq_len(nrow(fit$naive.var)), function(i) as_array(fit$naive.var[i, ]))
    out$rscore <- unname(fit$rscore)
  }
  z <- cox.zph(fit)
  out$zph <- list(terms = as_array(rownames(z$table)), chisq = as_array(unname(z$table[, "chisq"])), df = as_array(unname(z$table[, "df"])))
  zi <- cox.zph(fit, transform = "identity", terms = FALSE)
  out$zph_identity <- list(terms = as_array(rownames(zi$table)), chisq = as_array(unname(zi$table[, "chisq"])))
  if (!is.null(newdata)) {
    sf <- survfit(fit, newdata = newdata)
    strata <- if (is.null(sf$strata)) rep("all", length(sf$time)) else rep(names(sf$strata), sf$strata)
    surv <- as.matrix(sf$surv); cumhaz <- as.matrix(sf$cumhaz); se <- as.matrix(sf$std.err)
    lo <- as.matrix(sf$lower); hi <- as.matrix(sf$upper)
    out$survfit <- lapply(seq_len(ncol(surv)), function(k) list(
      stratum = as_array(sub("^.*=", "", strata)), time = as_array(sf$time), n_risk = as_array(sf$n.risk), n_event = as_array(sf$n.event),
      cumhaz = as_array(cumhaz[, k]), surv = as_array(surv[, k]), std_err = as_array(se[, k]), lower = as_array(lo[, k]), upper = as_array(hi[, k])))
  }
  out
}

res <- list(versions = versions("survival"))
f <- coxph(Surv(time, event) ~ age + sexlab + ph.ecog + wt.loss, data = lung2, control = ctl)
res$lung_efron <- summarise(f, newdata = data.frame(age = c(60, 70), sexlab = c("male", "female"), ph.ecog = c(1, 2), wt.loss = c(0, 10)))
f <- coxph(Surv(time, event) ~ age + sexlab + ph.ecog + wt.loss, data = lung2, ties = "breslow", control = ctl)
res$lung_breslow <- summarise(f, newdata = data.frame(age = 60, sexlab = "male", ph.ecog = 1, wt.loss = 0))
f <- coxph(Surv(time, event) ~ age + relevel(factor(sexlab), "male") + factor(ph.ecog), data = lung2, robust = TRUE, control = ctl)
res$lung_factor_robust <- summarise(f)

f <- coxph(Surv(time, status) ~ trt + karno + age + prior + strata(celltype), data = vet, control = ctl)
res$veteran_strata <- summarise(f, newdata = data.frame(trt = 1, karno = 60, age = 60, prior = 0))
f <- coxph(Surv(time, status) ~ trt + karno + age + prior + strata(celltype), data = vet, ties = "breslow", robust = TRUE, control = ctl)
res$veteran_strata_breslow_robust <- summarise(f)
f <- coxph(Surv(time, status) ~ factor(trt) + karno + celltype, data = vet, control = ctl)
res$veteran_celltype <- summarise(f)

f <- coxph(Surv(entry, exit, event) ~ x1 + grpb, data = cp, weights = w, cluster = id, control = ctl)
res$counting_efron <- summarise(f, newdata = data.frame(x1 = c(0, 1), grpb = newgrp(c("b", "a"))))
f <- coxph(Surv(entry, exit, event) ~ x1 + grpb + strata(s), data = cp, weights = w, cluster = id, ties = "breslow", control = ctl)
res$counting_strata_breslow <- summarise(f, newdata = data.frame(x1 = 0.5, grpb = newgrp("c")))
f <- coxph(Surv(entry, exit, event) ~ x1 + grp + strata(s), data = cp, control = ctl)
res$counting_strata_efron <- summarise(f, newdata = data.frame(x1 = 0.5, grp = factor("c", levels = c("a", "b", "c"))))

write_json_file(res, file.path(dir, "expected/cox.json"))
