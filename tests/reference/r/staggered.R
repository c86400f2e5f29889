# Reference numbers for attGt with a covariate (reg, ipw, dr) and for aggregate, on mpdta
# (R package `did`'s example data, tests/reference/data/mpdta.csv), written in base R
# (lm, glm) from the formulas of Sant'Anna & Zhao (2020) as implemented in R DRDID
# (reg_did_panel, std_ipw_did_panel, drdid_panel) and of Callaway & Sant'Anna (2021) as in
# R did (att_gt with panel data, aggte). The `did` and `DRDID` packages themselves are not used.
# Run from the repository root: Rscript tests/reference/r/staggered.R
source("tests/reference/r/json.R")

d <- read.csv("tests/reference/data/mpdta.csv")
d <- d[order(d$countyreal, d$year), ]
years <- sort(unique(d$year))
ids <- sort(unique(d$countyreal))
n <- length(ids)
wide <- reshape(d[, c("countyreal", "year", "lemp")], idvar = "countyreal", timevar = "year", direction = "wide")
wide <- wide[match(ids, wide$countyreal), ]
Y <- as.matrix(wide[, paste0("lemp.", years)])
first <- d[d$year == years[1], ]
first <- first[match(ids, first$countyreal), ]
G <- first$first.treat
lpop <- first$lpop
ctrl <- glm.control(epsilon = 1e-14, maxit = 100)

two_by_two <- function(method, dy, D, X) {
  m <- length(dy)
  w <- rep(1, m)
  if (method == "reg") {
    fit <- lm(dy ~ -1 + X, subset = D == 0)
    od <- as.vector(X %*% coef(fit))
    eta1 <- mean(w * D * dy) / mean(w * D)
    eta0 <- mean(w * D * od) / mean(w * D)
    XpX <- crossprod(w * (1 - D) * X, X) / m
    alr <- (w * (1 - D) * (dy - od) * X) %*% solve(XpX)
    M1 <- colMeans(w * D * X)
    inf <- (w * D * dy - w * D * eta1) / mean(w * D) - (w * D * od - w * D * eta0 + alr %*% M1) / mean(w * D)
    return(list(att = eta1 - eta0, inf = as.vector(inf)))
  }
  ps <- fitted(glm(D ~ -1 + X, family = binomial, control = ctrl))
  ps <- pmin(ps, 1 - 1e-6)
  od <- rep(0, m)
  if (method == "dr") {
    fit <- lm(dy ~ -1 + X, subset = D == 0)
    od <- as.vector(X %*% coef(fit))
  }
  trim <- ifelse(D == 1, 1, ps < 0.995)
  wt <- trim * w * D
  wc <- trim * w * ps * (1 - D) / (1 - ps)
  eta1 <- mean(wt * (dy - od)) / mean(wt)
  eta0 <- mean(wc * (dy - od)) / mean(wc)
  H <- solve(t(X) %*% (ps * (1 - ps) * w * X)) * m
  alr.ps <- (w * (D - ps) * X) %*% H
  M2 <- colMeans(wc * (dy - od - eta0) * X)
  inf.t <- wt * (dy - od) - wt * eta1
  inf.c <- wc * (dy - od) - wc * eta0 + alr.ps %*% M2
  if (method == "dr") {
    XpX <- crossprod(w * (1 - D) * X, X) / m
    alr <- (w * (1 - D) * (dy - od) * X) %*% solve(XpX)
    inf.t <- inf.t - alr %*% colMeans(wt * X)
    inf.c <- inf.c - alr %*% colMeans(wc * X)
  }
  list(att = eta1 - eta0, inf = as.vector(inf.t / mean(wt) - inf.c / mean(wc)))
}

att_gt_ref <- function(method, control, covariate) {
  groups <- sort(unique(G[G > 0]))
  out <- list(); IF <- NULL; gs <- c(); ts <- c()
  for (g in groups) {
    pre <- max(which(years < g))
    for (ti in 2:length(years)) {
      tt <- years[ti]
      b <- if (g <= tt) pre else ti - 1
      C <- if (control == "never") G == 0 else (G == 0 | (G > max(tt, years[b]) & G != g))
      keep <- G == g | C
      dy <- Y[keep, ti] - Y[keep, b]
      D <- as.numeric(G[keep] == g)
      X <- if (covariate) cbind(1, lpop[keep]) else matrix(1, sum(keep), 1)
      r <- two_by_two(method, dy, D, X)
      inf <- rep(0, n); inf[keep] <- (n / sum(keep)) * r$inf
      IF <- cbind(IF, inf); gs <- c(gs, g); ts <- c(ts, tt)
      out[[length(out) + 1]] <- list(group = g, time = tt, estimate = r$att, se = sqrt(mean(inf^2) / n))
    }
  }
  list(cells = out, IF = IF, group = gs, time = ts, att = sapply(out, function(x) x$estimate))
}

# aggte with the weight-estimation term (wif); group overall uses each cohort's own indicator.
agg <- function(a, keep, weights, pg_cells) {
  S <- sum(pg_cells)
  inf <- a$IF[, keep, drop = FALSE] %*% weights
  if1 <- sapply(seq_along(keep), function(j) (1 * (G == a$group[keep[j]]) - pg_cells[j]) / S)
  if2 <- rowSums(sapply(seq_along(keep), function(j) 1 * (G == a$group[keep[j]]) - pg_cells[j])) %*% t(pg_cells / S^2)
  inf <- inf + (matrix(if1, nrow = n) - if2) %*% a$att[keep]
  as.vector(inf)
}
se_of <- function(inf) sqrt(mean(inf^2) / n)
aggregates <- function(a) {
  pg <- sapply(a$group, function(g) mean(G == g))
  post <- which(a$group <= a$time)
  simple_if <- agg(a, post, pg[post] / sum(pg[post]), pg[post])
  es <- sort(unique(a$time - a$group))
  dyn <- lapply(es, function(e) {
    k <- which(a$time - a$group == e)
    inf <- agg(a, k, pg[k] / sum(pg[k]), pg[k])
    list(e = e, estimate = sum(a$att[k] * pg[k]) / sum(pg[k]), inf = inf)
  })
  pos <- which(es >= 0)
  dyn_overall_if <- rowMeans(sapply(dyn[pos], function(x) x$inf))
  groups <- sort(unique(a$group))
  grp <- lapply(groups, function(g) {
    k <- which(a$group == g & a$group <= a$time)
    list(group = g, estimate = mean(a$att[k]), inf = as.vector(a$IF[, k, drop = FALSE] %*% rep(1 / length(k), length(k))))
  })
  pgg <- sapply(groups, function(g) mean(G == g))
  ge <- sapply(grp, function(x) x$estimate)
  S <- sum(pgg)
  gif <- sapply(grp, function(x) x$inf) %*% (pgg / S)
  if1 <- sapply(seq_along(groups), function(j) (1 * (G == groups[j]) - pgg[j]) / S)
  if2 <- rowSums(sapply(seq_along(groups), function(j) 1 * (G == groups[j]) - pgg[j])) %*% t(pgg / S^2)
  gif <- as.vector(gif + (if1 - if2) %*% ge)
  times <- sort(unique(a$time)); times <- times[times >= min(a$group)]
  cal <- lapply(times, function(t1) {
    k <- which(a$time == t1 & a$group <= a$time)
    list(time = t1, estimate = sum(a$att[k] * pg[k]) / sum(pg[k]), inf = agg(a, k, pg[k] / sum(pg[k]), pg[k]))
  })
  cal_overall_if <- rowMeans(sapply(cal, function(x) x$inf))
  strip <- function(l, key) lapply(l, function(x) { r <- list(); r[[key]] <- x[[key]]; r$estimate <- x$estimate; r$se <- se_of(x$inf); r })
  list(
    simple = list(estimate = sum(a$att[post] * pg[post]) / sum(pg[post]), se = se_of(simple_if)),
    dynamic = strip(dyn, "e"),
    dynamic_overall = list(estimate = mean(sapply(dyn[pos], function(x) x$estimate)), se = se_of(dyn_overall_if)),
    group = strip(grp, "group"),
    group_overall = list(estimate = sum(ge * pgg) / S, se = se_of(gif)),
    calendar = strip(cal, "time"),
    calendar_overall = list(estimate = mean(sapply(cal, function(x) x$estimate)), se = se_of(cal_overall_if))
  )
}

cases <- list()
for (method in c("reg", "ipw", "dr")) for (control in c("never", "not-yet")) {
  a <- att_gt_ref(method, control, TRUE)
  cases[[paste(method, control, "lpop", sep = "_")]] <- list(cells = a$cells, aggregate = aggregates(a))
}
a <- att_gt_ref("reg", "never", FALSE)
cases[["reg_never_none"]] <- list(cells = a$cells, aggregate = aggregates(a))
write_json_file(list(versions = versions("stats"), cases = cases), "tests/reference/expected/staggered.json")
