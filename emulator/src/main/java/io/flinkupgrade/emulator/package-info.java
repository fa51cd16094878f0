/**
 * The MSF (kinesisanalyticsv2) and CloudWatch emulator: a loopback HTTP endpoint that the real AWS
 * SDK and the AWS CLI talk to unchanged, backed by a behavioural model of applications, snapshots,
 * operations and simulated Flink job metrics, driven by a {@link io.flinkupgrade.emulator.Scenario}.
 * Entry point: {@link io.flinkupgrade.emulator.MsfEmulator}. See docs/architecture.md, "The MSF emulator",
 * and {@code scenarios/README.md} for the scenario format.
 *
 * <p>Shape: one model, thin codecs. {@link io.flinkupgrade.emulator.EmulatorServer} tells the wire
 * protocols apart; {@code MsfProtocol} (AWS JSON 1.1), {@code CloudWatchQueryCodec} (AWS Query, the
 * SDK's), {@code CloudWatchJsonCodec} (AWS JSON 1.0, the AWS CLI's) and {@code DynamoDbProtocol} decode
 * a request into a call on the model and encode its answer. The model is {@code ApplicationModel} (the
 * account: applications, alarm timelines, the journal of calls; every call goes through its
 * {@code call}), {@code EmulatedApplication} (one application's statuses, versions, snapshots and job
 * runs), {@code CloudWatchModel} (metrics, statistics and alarms as records) and {@code DynamoDbTables}.
 * Every injected fault is decided by the scenario's {@code FaultPlan}, which the model asks.
 *
 * <p>Where AWS documents a behaviour (the developer guide, the API reference, the service models
 * botocore and the SDKs ship), the code cites the page at the place it decides. Where AWS is silent,
 * the code says INFERRED, and the guess is listed here with the tests that depend on it (test class
 * and method), so the day someone records real AWS responses the tests to revisit are known.
 * {@code InferredBehaviourListTest} checks that every test named here exists.
 *
 * <h2>INFERRED behaviour and the tests that depend on it</h2>
 * <ol>
 *   <li>UpdateApplication and RollbackApplication mint the next version id at once (+1), and the
 *       ConditionalToken changes with every version. Tests:
 *       {@code ApplicationLifecycleWireTest#upgrade_movesThroughUpdatingToRunningAtTheNewVersion},
 *       {@code ApplicationLifecycleWireTest#rollbackApplication_restoresThePreviousVersionUnderANewVersionId},
 *       {@code FaultMatrixWorkflowTest#upgrade_whenTheJobRestartLoopsWhileRunning_rollsBack},
 *       {@code RerunConvergenceWorkflowTest#rerun_afterAKillOnceTheUpdateLanded_resumesTheUpgradeWithoutUpdatingAgain}.</li>
 *   <li>An UpdateApplication that changes nothing is accepted as a new version. Tests:
 *       {@code ApplicationLifecycleWireTest#updateApplication_thatChangesNothing_isAcceptedAsANewVersion}.</li>
 *   <li>After a rollback, ApplicationVersionUpdatedFrom is the version rolled back from, so a second
 *       RollbackApplication returns to it. Tests:
 *       {@code ApplicationLifecycleWireTest#rollbackApplication_restoresThePreviousVersionUnderANewVersionId}.</li>
 *   <li>A RollbackApplication whose operation fails (fault ROLLBACK_FAILS) leaves the application READY on
 *       the version the rollback made, configured as before the upgrade: MSF documents READY for a failed
 *       system rollback ("If the automatic rollback also fails, ... transitions the application to the READY
 *       status", https://docs.aws.amazon.com/managed-flink/latest/java/how-system-rollbacks.html), not for
 *       RollbackApplication nor which configuration it leaves. Tests:
 *       {@code FaultMatrixWorkflowTest#rollback_whenTheRollbackOperationItselfFails_endsFailedAdvisingAStartFromMsfsNewestSnapshot}.</li>
 *   <li>A failed update (fault UPDATE_FAILS) ends its operation FAILED; with system rollback the
 *       application rolls back under a new version through a separate RollbackApplication operation
 *       (RollbackOperationId), otherwise it ends READY. Tests:
 *       {@code FaultInjectionWireTest#updateFails_operationFailedAndSystemRollbackRestoresThePreviousVersion},
 *       {@code FaultInjectionWireTest#updateFails_withoutSystemRollback_endsReady},
 *       {@code FaultMatrixWorkflowTest#upgrade_whenMsfFailsTheUpdateAndRollsBackItself_endsRolledBackWithoutASecondRollback}.</li>
 *   <li>A stateful downgrade (an older runtime than the one that wrote the state restored) is refused at
 *       once with InvalidArgumentException, as are an unknown runtime and a custom snapshot that does not
 *       exist or is not READY; restoring a snapshot taken on the older runtime is allowed. Tests:
 *       {@code ApplicationLifecycleWireTest#updateApplication_olderRuntimeRestoringState_isInvalidArgument_butAllowedWithoutRestore},
 *       {@code ApplicationLifecycleWireTest#updateApplication_backToTheOlderRuntimeRestoringASnapshotTakenOnIt_isAllowed},
 *       {@code ApplicationLifecycleWireTest#updateApplication_unknownRuntimeOrMissingCustomSnapshot_isInvalidArgument},
 *       {@code FaultMatrixWorkflowTest#rollback_whenRollbackApplicationIsRefused_restoresThePinnedSnapshotInstead}.</li>
 *   <li>Which declared code a refusal uses: a wrong status is ResourceInUseException (CreateApplicationSnapshot
 *       outside RUNNING too); RollbackApplication without a READY snapshot or a previous version, and a
 *       snapshot with snapshots disabled, are InvalidRequestException; a duplicate snapshot name is
 *       InvalidArgumentException. Tests:
 *       {@code ApplicationLifecycleWireTest#updateApplication_whileUpdating_isResourceInUse},
 *       {@code ApplicationLifecycleWireTest#rollbackApplication_errors},
 *       {@code ApplicationLifecycleWireTest#snapshots_lifecycleAndErrors},
 *       {@code ApplicationLifecycleWireTest#createApplicationSnapshot_snapshotsDisabled_isInvalidRequest},
 *       {@code FaultMatrixWorkflowTest#rollback_whenRefusedWithoutASnapshot_endsFailedNamingTheManualStep}.</li>
 *   <li>ListApplicationSnapshots of an unknown application is ResourceNotFoundException, which its
 *       model entry does not declare (its sibling List operations do). Tests:
 *       {@code ApplicationAdministrationWireTest#listApplicationSnapshots_ofAnUnknownApplication_isResourceNotFound}.</li>
 *   <li>A rollback started while an update is in progress cancels that update's operation. Tests:
 *       {@code FaultInjectionWireTest#stuckUpdating_staysUpdatingUntilRolledBack},
 *       {@code FaultMatrixWorkflowTest#upgrade_whenStuckUpdatingPastTheTimeout_rollsBack}.</li>
 *   <li>DescribeApplicationOperation's EndTime (required by the model) is the time of the call while the
 *       operation is IN_PROGRESS. Tests: {@code FaultInjectionWireTest#stuckUpdating_staysUpdatingUntilRolledBack}.</li>
 *   <li>Snapshot creation is no operation in ListApplicationOperations. Tests:
 *       {@code ApplicationLifecycleWireTest#upgrade_movesThroughUpdatingToRunningAtTheNewVersion}.</li>
 *   <li>MSF's automatic snapshots (documented: on update, scale and stop, counted toward the quota,
 *       taken when it is full): their name {@code automatic-<epoch millis>}; that each is of the version
 *       running when the call arrives and is READY after {@code snapshotCreatingSeconds}; that an update
 *       of a READY application and a RollbackApplication take none; that they never fail. Tests:
 *       {@code AutomaticSnapshotWireTest#updateOfARunningApplication_takesASnapshotOfTheRunningVersion_soRollbackIsAccepted},
 *       {@code AutomaticSnapshotWireTest#stop_takesASnapshot_butAForcedStopDoesNot},
 *       {@code AutomaticSnapshotWireTest#snapshotsDisabled_orAnApplicationNotRunning_getNoAutomaticSnapshot},
 *       {@code AutomaticSnapshotWireTest#automaticSnapshots_countTowardTheQuota_andAreTakenWhenItIsFull},
 *       {@code FaultMatrixWorkflowTest#rollback_withTheSnapshotTurnedOffOnAnApplicationWithSnapshots_restoresMsfsAutomaticSnapshot},
 *       {@code RerunConvergenceWorkflowTest#rerun_afterAKillOnceTheSnapshotWasRequested_adoptsThatSnapshotAndUpgrades}.</li>
 *   <li>DeleteApplicationSnapshot's SnapshotCreationTimestamp and DeleteApplication's CreateTimestamp
 *       match to the whole second (what the AWS CLI and boto3 send); a mismatch is InvalidArgumentException.
 *       Tests: {@code ApplicationAdministrationWireTest#deleteApplicationSnapshot_acceptsTheCreationTimeToTheSecond},
 *       {@code CliProtocolWireTest#json11_deleteApplicationSnapshot_asTheCliSendsIt_withWholeSeconds},
 *       {@code ApplicationAdministrationWireTest#deleteApplication_needsItsCreateTimestampToTheSecond_andRefusesATransitionalStatus}.</li>
 *   <li>DeleteApplication removes the application at once (no DELETING period), only from READY or
 *       RUNNING. Tests:
 *       {@code ApplicationAdministrationWireTest#deleteApplication_needsItsCreateTimestampToTheSecond_andRefusesATransitionalStatus}.</li>
 *   <li>CreateApplication: SnapshotsEnabled absent means false; a Flink configuration not sent is DEFAULT;
 *       DEFAULT parallelism is 1; StartApplication of an application without code is
 *       InvalidApplicationConfigurationException. Tests:
 *       {@code ApplicationAdministrationWireTest#createApplication_withoutCode_keepsDescriptionDefaultTypesAndTags_butCannotStart},
 *       {@code ApplicationLifecycleWireTest#createApplication_thenUpdateWhileReady_appliesAtOnce}.</li>
 *   <li>One set of applications answers in every region, with ARNs naming the region the request was
 *       signed for; a tagging call with an ARN of another region or account is ResourceNotFoundException.
 *       Tests: {@code ApplicationAdministrationWireTest#arns_nameTheRegionTheClientSignedFor},
 *       {@code ApplicationAdministrationWireTest#tags_addReplaceRemove_andAtMostFifty}.</li>
 *   <li>UntagResource ignores a key the application does not have. Tests:
 *       {@code ApplicationAdministrationWireTest#tags_addReplaceRemove_andAtMostFifty}.</li>
 *   <li>Someone else's update (fault CONCURRENT_UPDATE) changes a property group under a new version
 *       without restarting the job. Tests:
 *       {@code FaultInjectionWireTest#concurrentUpdate_someoneElseMovesTheVersionAfterTheSnapshot},
 *       {@code FaultMatrixWorkflowTest#upgrade_whenSomeoneElseUpdatesAfterPreflight_endsRejectedWithoutOverwritingTheirChange}.</li>
 *   <li>How long each transient status lasts (the scenario's {@code durations}; AWS publishes no figures).
 *       Tests: {@code ApplicationLifecycleWireTest#upgrade_movesThroughUpdatingToRunningAtTheNewVersion},
 *       {@code ApplicationLifecycleWireTest#stopAndStart_moveThroughTransientStatuses},
 *       {@code FaultMatrixWorkflowTest#upgrade_whenTheSnapshotOutlivesItsWaitTimeout_endsFailedBeforeAnyUpdate}.</li>
 *   <li>The simulated job's metrics: one sample per minute standing for the minute, counters from zero
 *       in every run (an update or rollback resubmits the job), and the shape of each behaviour. Tests:
 *       {@code CloudWatchWireTest#healthyUpgrade_restartsTheJobAndLagReturnsToBaseline},
 *       {@code CloudWatchWireTest#incompatibleState_restartLoopWhileStatusIsRunning},
 *       {@code FaultMatrixWorkflowTest#upgrade_whenTheJobRestartLoopsWhileRunning_rollsBack},
 *       {@code FaultMatrixWorkflowTest#upgrade_toFlink2_judgesRestartsByNumRestartsAndUpgrades}.</li>
 *   <li>A percentile is the nearest-rank value of the period's samples (CloudWatch does not document
 *       its method). Tests: {@code CloudWatchStatisticsWireTest#getMetricData_percentileStat},
 *       {@code CloudWatchStatisticsWireTest#getMetricStatistics_standardAndPercentileStatisticsPerPeriod}.</li>
 *   <li>ListMetrics answers in one page, in application order, lists a metric once any run published it
 *       and does not apply RecentlyActive. Tests:
 *       {@code CloudWatchStatisticsWireTest#listMetrics_listsWhatTheJobPublished_filteredByNameAndDimension},
 *       {@code CliProtocolWireTest#query_getMetricStatisticsAndListMetrics_answerXml}.</li>
 *   <li>Alarms: the state comes from the scenario's timeline (INSUFFICIENT_DATA before any phase), the
 *       configuration was last updated at the scenario's start, TreatMissingData is {@code missing} and
 *       DatapointsToAlarm equals EvaluationPeriods. Tests:
 *       {@code CloudWatchStatisticsWireTest#describeAlarms_hasTheAlarmsConfiguration_andWhenItsStateLastChanged},
 *       {@code CloudWatchStatisticsWireTest#describeAlarms_aPhaseThatOnlyChangesTheReason_keepsTheTransitionTime},
 *       {@code CloudWatchWireTest#describeAlarms_alarmFiresTwoMinutesAfterTheUpdate}.</li>
 *   <li>MSF autoscaling (scenario action {@code autoscale}) mints a new version at once that differs only
 *       in parallelism, with ApplicationVersionUpdatedFrom the scaled version (so RollbackApplication then
 *       reverts the scaling), is no operation in ListApplicationOperations, restarts the job (a new run)
 *       when AUTOSCALING ends, and does not scale an application that is not RUNNING. Tests:
 *       {@code OtherPartyActionsWireTest#autoscale_atItsTime_scalesToANewVersionThatRollbackApplicationReverts},
 *       {@code OtherPartiesWorkflowTest#upgrade_whenMsfAutoscalesARestartLoopingUpgrade_rollsBackToTheOriginalRuntimeAndCode},
 *       {@code OtherPartiesWorkflowTest#upgrade_whenMsfAutoscalesARestartLoopingUpgradeWithTheSnapshotTurnedOff_advisesTheUpdateBackNotRollbackApplication},
 *       {@code OtherPartiesWorkflowTest#upgrade_whenMsfAutoscalesDuringAHealthyBake_upgradesAfterTheFullBake}.</li>
 *   <li>Another party's update or stop (scenario actions {@code update}, {@code stop}) behaves as ours
 *       would and is refused (ResourceInUseException, nothing changed) outside RUNNING or READY (update)
 *       or RUNNING (stop); an action due at the instant a transition ends meets its result. Tests:
 *       {@code OtherPartyActionsWireTest#update_whileOurUpdateIsInProgress_isRefusedAndRecordedAsFailed},
 *       {@code OtherPartyActionsWireTest#stop_dueWhenOurUpdateEnds_comesAfterTheTransition}.</li>
 * </ol>
 */
package io.flinkupgrade.emulator;
