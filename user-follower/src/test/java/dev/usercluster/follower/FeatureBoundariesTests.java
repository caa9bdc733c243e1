package dev.usercluster.follower;

import java.util.Set;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The follower's feature packages ({@code users}, {@code sessions}, {@code admin},
 * {@code discovery}, {@code web}, {@code paging}) meet only through the few types a
 * feature offers the others; Java's package-private keeps out the rest, these rules keep
 * the list of offered types short and the packages free of cycles.
 */
class FeatureBoundariesTests {

	private static final String FOLLOWER = "dev.usercluster.follower";

	/** What one feature offers another, by package; anything else stays inside. */
	private static final Set<String> OFFERED = Set.of(FOLLOWER + ".sessions.SessionService",
			FOLLOWER + ".sessions.PasswordCheck", FOLLOWER + ".sessions.PasswordCheck$Verified",
			FOLLOWER + ".sessions.BearerAuthenticated", FOLLOWER + ".sessions.BearerToken", FOLLOWER + ".paging.Cursor",
			FOLLOWER + ".sessions.RegistrationThrottle", FOLLOWER + ".admin.AdminCredential",
			// the audit trail is written by every feature
			FOLLOWER + ".audit.AuditLog", FOLLOWER + ".audit.AuditLog$ClientAddressOfRequest",
			FOLLOWER + ".audit.AuditEvent", FOLLOWER + ".audit.AuditOutcome");

	private static final JavaClasses FOLLOWER_CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(FOLLOWER);

	@Test
	void featurePackagesAreFreeOfCycles() {
		slices().matching(FOLLOWER + ".(*)..").should().beFreeOfCycles().check(FOLLOWER_CLASSES);
	}

	@Test
	void sessionsDoNotDependOnAccountsOrAdmin() {
		noClasses().that()
			.resideInAPackage(FOLLOWER + ".sessions..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(FOLLOWER + ".users..", FOLLOWER + ".admin..")
			.because("logins check passwords through PasswordCheck, which accounts implement")
			.check(FOLLOWER_CLASSES);
	}

	@Test
	void aFeatureUsesOnlyWhatAnotherOffers() {
		classes().that()
			.resideInAPackage(FOLLOWER + ".*..")
			.should(useOnlyWhatOtherFeaturesOffer())
			.check(FOLLOWER_CLASSES);
	}

	@Test
	void onlyOfferedTypesArePublic() {
		classes().that()
			.resideInAPackage(FOLLOWER + ".*..")
			.and()
			.arePublic()
			.should(beOffered())
			.check(FOLLOWER_CLASSES);
	}

	private static ArchCondition<JavaClass> useOnlyWhatOtherFeaturesOffer() {
		return new ArchCondition<>("use of other features only what they offer") {

			@Override
			public void check(JavaClass origin, ConditionEvents events) {
				for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
					JavaClass target = dependency.getTargetClass();
					String feature = feature(target);
					if (feature != null && !feature.equals(feature(origin)) && !OFFERED.contains(target.getName())) {
						events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription() + ": "
								+ target.getName() + " is not offered to other features"));
					}
				}
			}

		};
	}

	private static ArchCondition<JavaClass> beOffered() {
		return new ArchCondition<>("be offered to other features") {

			@Override
			public void check(JavaClass item, ConditionEvents events) {
				if (!OFFERED.contains(item.getName())) {
					events.add(SimpleConditionEvent.violated(item,
							item.getName() + " is public but not offered to other features"));
				}
			}

		};
	}

	/** The feature package a class belongs to, or {@code null} outside the features. */
	private static String feature(JavaClass type) {
		String name = type.getPackageName();
		if (!name.startsWith(FOLLOWER + ".")) {
			return (name.equals(FOLLOWER)) ? "" : null;
		}
		String rest = name.substring(FOLLOWER.length() + 1);
		int dot = rest.indexOf('.');
		return (dot >= 0) ? rest.substring(0, dot) : rest;
	}

}
