package dev.pillars.metrics;

/**
 * Why a handle drops every measurement: the problem it is counted under, and what was wrong, for
 * the warning. Made when bad input is first seen; making one counts nothing, each measurement
 * recorded through it counts once.
 */
record Rejection(Problem problem, String detail) {}
