package io.parzen.optimizer.service.study;

/** The lifecycle of a study, as the optimizer sees it. */
public enum StudyStatus {
    /** Suggestions are issued as results arrive. */
    ACTIVE,
    /** The task finished ({@code TaskFinished}); results are still recorded, nothing is suggested. */
    FINISHED,
    /** The task spec could not be turned into a study; the {@code TaskCreated} went to the dead-letter topic. */
    INVALID,
    /** The engine failed while proposing; results are still recorded, nothing more is suggested. */
    ERROR
}
