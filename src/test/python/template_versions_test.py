"""Every parameter that changes what the function does must reach the version the schedule invokes.

SAM's AutoPublishAlias names the function's AWS::Lambda::Version after a hash of the function's code and
environment *as written*, so an environment variable set from a parameter hashes to the same Version whatever value
the stack is deployed with (https://github.com/aws/serverless-application-model/issues/1640): CloudFormation
updates the function but publishes nothing, and the `live` alias keeps running the old settings.

This test runs the SAM transform as CloudFormation runs it at deploy time (samtranslator, with the parameter values
and pseudo parameters), then resolves what CloudFormation itself resolves when it updates the stack (Ref, Fn::Sub,
Fn::Join, Fn::Split, Fn::If and the template's conditions), and checks for each behaviour parameter and each pair
of its values that the Version resource differs as CloudFormation compares it: a different logical id, or a
different value of a property that CloudFormation replaces the Version for. Those create-only properties are read
from the resource schema bundled with cfn-lint, not assumed here. Anything this resolver does not know fails the
test rather than being skipped.

Run by .ci/run with an interpreter that has aws-sam-translator and cfn-lint:
    python3 src/test/python/template_versions_test.py [-v]
"""

from __future__ import annotations

import copy
import itertools
import json
import os
import re
import sys
import unittest
from pathlib import Path

import boto3
from cfnlint.schema import PROVIDER_SCHEMA_MANAGER
from samtranslator.parser.parser import Parser
from samtranslator.translator.translator import Translator
from samtranslator.yaml_helper import yaml_parse

ROOT = Path(__file__).resolve().parents[3]
TEMPLATE = ROOT / "template.yaml"
FUNCTION = "ScanFunction"
REGION = "us-east-1"
PSEUDO = {
    "AWS::Region": REGION,
    "AWS::AccountId": "111122223333",
    "AWS::Partition": "aws",
    "AWS::StackName": "cis-sentinel",
    "AWS::StackId": "arn:aws:cloudformation:us-east-1:111122223333:stack/cis-sentinel/0",
    "AWS::URLSuffix": "amazonaws.com",
}
EMAIL = "secops@example.com"
TOPIC = "arn:aws:sns:us-east-1:111122223333:soc-alerts"

# Two or more valid values per parameter with free text (AllowedPattern); parameters with AllowedValues use those.
# A new parameter that reaches the function's configuration needs values here, or the test fails and says so.
SAMPLES = {
    "Controls": ["", "all", "CloudWatch.1", "CloudWatch.1,CloudWatch.4", "CloudWatch.4,CloudWatch.1",
                 "CIS.Organizations", "CloudWatch.1,CIS.Organizations"],
    "NotificationEmail": ["", EMAIL, "other@example.com"],
    "AlarmTopicArn": ["", TOPIC, "arn:aws:sns:us-east-1:111122223333:other"],
    "MetricNamespace": ["CISBenchmark", "Security/CIS"],
    # Reaches the function as ORGANIZATION_MODE (on or absent), so only empty or not matters.
    "OrganizationRoleName": ["", "cis-sentinel-member"],
}
# Parameters the Rules need set together with a sample, so that every configuration tested is one a stack accepts.
NEEDS = {
    "RemediationMode": {"NotificationEmail": EMAIL},
}
# Function properties that are not part of a published version: Lambda keeps them per function (concurrency, tags)
# or per alias/qualifier (the event invoke config SAM attaches to the alias), or they are the schedule's.
UNVERSIONED = {"Events", "ReservedConcurrentExecutions", "Tags", "PropagateTags", "EventInvokeConfig",
               "AutoPublishAlias", "VersionDescription", "DeploymentPreference"}

# Parameters with MaxLength that the resolved Version description must still fit with, at their longest valid value.
LONGEST = {
    # Seven two-digit ids (97 characters, the MaxLength) resolve to the longest text: "10,11,12,13,14,10,11".
    "Controls": "CloudWatch.10,CloudWatch.11,CloudWatch.12,CloudWatch.13,CloudWatch.14,CloudWatch.10,CloudWatch.11",
}


def load_template() -> dict:
    return yaml_parse(TEMPLATE.read_text())


def transform(template: dict, parameters: dict) -> dict:
    """The SAM transform as CloudFormation runs it: with the stack's parameter values and pseudo parameters."""
    sam = copy.deepcopy(template)
    transforms = sam.get("Transform")
    transforms = transforms if isinstance(transforms, list) else [transforms]
    if "AWS::LanguageExtensions" in transforms:
        # CloudFormation runs AWS::LanguageExtensions first; the only feature this template uses is a parameter
        # reference in DeletionPolicy/UpdateReplacePolicy
        # (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/function-refs-in-policy-attributes.html).
        for resource in sam["Resources"].values():
            for attribute in ("DeletionPolicy", "UpdateReplacePolicy"):
                if isinstance(resource.get(attribute), dict):
                    resource[attribute] = Resolver(template, parameters).value(resource[attribute])
        sam["Transform"] = [t for t in transforms if t != "AWS::LanguageExtensions"]
        if len(sam["Transform"]) == 1:
            sam["Transform"] = sam["Transform"][0]
    # sam package replaces the local CodeUri with the uploaded object; the transform only takes S3 locations.
    sam["Resources"][FUNCTION]["Properties"]["CodeUri"] = "s3://bucket/cis-sentinel.zip"
    values = dict(parameters)
    values.update(PSEUDO)
    translator = Translator(managed_policy_map={}, sam_parser=Parser(),
                            boto_session=boto3.session.Session(region_name=REGION))
    return translator.translate(sam_template=sam, parameter_values=values)


class Unresolvable(Exception):
    pass


# What Ref AWS::NoValue resolves to: CloudFormation drops the property or list item.
NO_VALUE = object()


class Resolver:
    """What CloudFormation resolves in a template at deploy time, for given parameter values.

    A reference to a resource becomes a token naming it: its physical id is unknown here but the same before and
    after an update that does not replace it, which is all a comparison needs.
    """

    def __init__(self, template: dict, parameters: dict):
        self.template = template
        self.parameters = {}
        for name, declaration in template.get("Parameters", {}).items():
            default = declaration.get("Default")
            self.parameters[name] = str(parameters.get(name, "" if default is None else default))
        self.parameters.update(PSEUDO)

    def condition(self, name: str) -> bool:
        return self.truth(self.template["Conditions"][name])

    def truth(self, node) -> bool:
        (function, argument), = node.items()
        if function == "Condition":
            return self.condition(argument)
        if function == "Fn::Not":
            return not self.truth(argument[0])
        if function == "Fn::And":
            return all(self.truth(operand) for operand in argument)
        if function == "Fn::Or":
            return any(self.truth(operand) for operand in argument)
        if function == "Fn::Equals":
            return self.value(argument[0]) == self.value(argument[1])
        if function == "Fn::Contains":
            return self.value(argument[1]) in self.value(argument[0])
        raise Unresolvable(f"condition function {function}")

    def value(self, node):
        if isinstance(node, list):
            return [v for v in (self.value(item) for item in node) if v is not NO_VALUE]
        if not isinstance(node, dict):
            return node
        if len(node) == 1:
            (key, argument), = node.items()
            if key == "Ref":
                if argument == "AWS::NoValue":
                    return NO_VALUE
                if argument in self.parameters:
                    return self.parameters[argument]
                if argument in self.template.get("Resources", {}):
                    return f"<{argument}>"
                raise Unresolvable(f"Ref {argument}")
            if key == "Fn::GetAtt":
                parts = argument if isinstance(argument, list) else argument.split(".", 1)
                return f"<{parts[0]}.{parts[1]}>"
            if key == "Fn::Sub":
                text, variables = (argument, {}) if isinstance(argument, str) else argument
                resolved = {name: self.value(v) for name, v in variables.items()}

                def substitute(match):
                    name = match.group(1)
                    if name in resolved:
                        return str(resolved[name])
                    if "." in name:
                        return f"<{name}>"
                    return str(self.value({"Ref": name}))

                return re.sub(r"\$\{([^!}][^}]*)}", substitute, text)
            if key == "Fn::Join":
                return argument[0].join(str(part) for part in self.value(argument[1]))
            if key == "Fn::Split":
                return self.value(argument[1]).split(argument[0])
            if key == "Fn::Select":
                return self.value(argument[1])[int(self.value(argument[0]))]
            if key == "Fn::If":
                return self.value(argument[1] if self.condition(argument[0]) else argument[2])
            if key.startswith("Fn::") or key == "Condition":
                raise Unresolvable(key)
        resolved = {k: self.value(v) for k, v in node.items()}
        return {k: v for k, v in resolved.items() if v is not NO_VALUE}

    def rules_accept(self) -> bool:
        for rule in self.template.get("Rules", {}).values():
            if "RuleCondition" in rule and not self.truth(rule["RuleCondition"]):
                continue
            if not all(self.truth(assertion["Assert"]) for assertion in rule["Assertions"]):
                return False
        return True


def referenced_parameters(template: dict, node) -> set:
    """Parameters a node refers to: directly, inside Fn::Sub strings, or through the conditions of its Fn::Ifs."""
    names = set(template["Parameters"])
    found = set()
    if isinstance(node, list):
        for item in node:
            found |= referenced_parameters(template, item)
    elif isinstance(node, dict):
        for key, argument in node.items():
            if key == "Ref" and argument in names:
                found.add(argument)
            elif key == "Fn::Sub":
                text = argument if isinstance(argument, str) else argument[0]
                found |= {n for n in re.findall(r"\$\{([^!}][^}]*)}", text) if n in names}
                if not isinstance(argument, str):
                    found |= referenced_parameters(template, argument[1])
            elif key == "Fn::If":
                found |= referenced_parameters(template, argument[1:])
                found |= referenced_parameters(template, template["Conditions"][argument[0]])
            elif key == "Condition" and isinstance(argument, str):
                found |= referenced_parameters(template, template["Conditions"][argument])
            else:
                found |= referenced_parameters(template, argument)
    return found


def behaviour_parameters(template: dict) -> set:
    """Parameters that reach the function's published configuration: anything but its unversioned properties."""
    properties = template["Resources"][FUNCTION]["Properties"]
    found = set()
    for key, value in properties.items():
        if key not in UNVERSIONED:
            found |= referenced_parameters(template, value)
    return found


def samples(template: dict, name: str) -> list:
    declaration = template["Parameters"][name]
    if "AllowedValues" in declaration:
        return [str(v) for v in declaration["AllowedValues"]]
    if name not in SAMPLES:
        raise AssertionError(f"parameter {name} changes the function's configuration: give it sample values in "
                             f"SAMPLES so this test can check that changing it publishes a new version")
    return SAMPLES[name]


class DeployedVersion:
    """The function's Version, alias and configuration after the transform, as CloudFormation resolves them."""

    def __init__(self, template: dict, parameters: dict):
        self.parameters = parameters
        translated = transform(template, parameters)
        self.resolver = Resolver(translated | {"Conditions": template.get("Conditions", {}),
                                               "Parameters": template["Parameters"]}, parameters)
        resources = translated["Resources"]
        versions = [rid for rid, r in resources.items() if r["Type"] == "AWS::Lambda::Version"]
        if len(versions) != 1:
            raise AssertionError(f"expected one AWS::Lambda::Version, found {versions}")
        self.logical_id = versions[0]
        self.version = resources[self.logical_id]
        self.version_properties = self.resolver.value(self.version.get("Properties", {}))
        # live (the schedule's, SAM's AutoPublishAlias), recheck (the re-check queue's, with RecheckOnChange) and
        # organization (the state machine's, with OrganizationRoleName).
        self.aliases = {r["Properties"]["Name"]: r for r in resources.values() if r["Type"] == "AWS::Lambda::Alias"}
        self.alias = self.aliases["live"]
        function = resources[FUNCTION]["Properties"]
        self.function_configuration = self.resolver.value(
            {k: v for k, v in function.items() if k not in ("Tags",)})

    def replaced_by(self, other: "DeployedVersion", create_only: list) -> list:
        """Why CloudFormation would create a new Version going from self to other: [] when it would not."""
        reasons = []
        if self.logical_id != other.logical_id:
            reasons.append(f"logical id {self.logical_id} -> {other.logical_id}")
        for pointer in create_only:
            key = pointer.rsplit("/", 1)[1]
            if self.version_properties.get(key) != other.version_properties.get(key):
                reasons.append(f"{key} {self.version_properties.get(key)!r} -> {other.version_properties.get(key)!r}")
        return reasons


class TemplateVersionsTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.template = load_template()
        schema = PROVIDER_SCHEMA_MANAGER.get_resource_schema(REGION, "AWS::Lambda::Version").schema
        cls.create_only = schema["createOnlyProperties"]
        cls.description_max = schema["properties"]["Description"]["maxLength"]
        cls.behaviour = sorted(behaviour_parameters(cls.template))
        cls.cache = {}

    def deployed(self, parameters: dict) -> DeployedVersion:
        key = json.dumps(parameters, sort_keys=True)
        if key not in self.cache:
            self.cache[key] = DeployedVersion(self.template, parameters)
        return self.cache[key]

    def test_behaviourParameters_includeEverySettingTheFunctionReads(self):
        print(f"\nbehaviour parameters (reach the published configuration): {', '.join(self.behaviour)}")
        self.assertTrue({"RemediationMode", "PatternMode", "Controls", "NotificationEmail", "AlarmTopicArn",
                         "MetricNamespace"} <= set(self.behaviour))

    def test_versionDescription_namesEveryBehaviourParameter(self):
        description = self.template["Resources"][FUNCTION]["Properties"].get("VersionDescription", {})
        self.assertEqual(set(self.behaviour), referenced_parameters(self.template, description),
                         "add every parameter that reaches the function's configuration to VersionDescription")

    def test_everyBehaviourParameterChange_publishesANewVersion(self):
        print(f"\nAWS::Lambda::Version create-only properties (cfn-lint {REGION} schema): {self.create_only}")
        for name in self.behaviour:
            values = samples(self.template, name)
            for before, after in itertools.combinations(values, 2):
                with self.subTest(parameter=name, before=before, after=after):
                    first, second = ({**NEEDS.get(name, {}), name: v} for v in (before, after))
                    for parameters in (first, second):
                        self.assertTrue(Resolver(self.template, parameters).rules_accept(),
                                        f"the template's Rules refuse {parameters}; fix NEEDS")
                    old, new = self.deployed(first), self.deployed(second)
                    self.assertNotEqual(old.function_configuration, new.function_configuration,
                                        f"{name} {before!r} -> {after!r} does not change the function at all")
                    reasons = old.replaced_by(new, self.create_only)
                    print(f"  {name}: {before!r} -> {after!r}: new version ({'; '.join(reasons) or 'NONE'})")
                    self.assertTrue(reasons, f"{name} {before!r} -> {after!r} changes the function's configuration "
                                             f"but CloudFormation would keep {old.logical_id}: the live alias "
                                             f"would keep running the old settings")

    def test_aliasFollowsTheVersion_andTheVersionFollowsTheFunction(self):
        # CloudFormation updates a resource after the resources it references: the function's configuration first,
        # then the Version (published from that configuration), then the alias that points at it.
        deployed = self.deployed({})
        self.assertEqual(deployed.version["Properties"]["FunctionName"], {"Ref": FUNCTION})
        self.assertEqual(sorted(deployed.aliases), ["live", "organization", "recheck"])
        for alias in deployed.aliases.values():
            self.assertEqual(alias["Properties"]["FunctionVersion"], {"Fn::GetAtt": [deployed.logical_id, "Version"]})
            self.assertEqual(alias["Properties"]["FunctionName"], {"Ref": FUNCTION})

    def test_versionDescription_fitsAtTheLongestValidParameterValues(self):
        declarations = self.template["Parameters"]
        in_description = referenced_parameters(
            self.template, self.template["Resources"][FUNCTION]["Properties"].get("VersionDescription", {}))
        for destination in ("NotificationEmail", "AlarmTopicArn"):
            parameters = {}
            for name in in_description:
                declaration = declarations[name]
                if name in ("NotificationEmail", "AlarmTopicArn") and name != destination:
                    continue
                if "AllowedValues" in declaration:
                    parameters[name] = max((str(v) for v in declaration["AllowedValues"]), key=len)
                else:
                    parameters[name] = LONGEST.get(name) or self.longest(name, declaration)
                if "AllowedPattern" in declaration:
                    self.assertRegex(parameters[name], "^(?:" + declaration["AllowedPattern"] + ")$")
            description = self.deployed(parameters).version_properties.get("Description", "")
            print(f"\nlongest description with {destination} ({len(description)} of {self.description_max}): "
                  f"{description}")
            self.assertLessEqual(len(description), self.description_max)

    def longest(self, name: str, declaration: dict) -> str:
        if "MaxLength" not in declaration:
            self.fail(f"parameter {name} is in the version description but has no MaxLength: the description "
                      f"(at most {self.description_max} characters) could overflow")
        size = int(declaration["MaxLength"])
        if name == "NotificationEmail":
            return "a" * (size - len("@example.com")) + "@example.com"
        if name == "AlarmTopicArn":
            prefix = "arn:aws-us-gov:sns:us-gov-west-1:111122223333:"
            return prefix + "t" * (size - len(prefix))
        return "N" * size


if __name__ == "__main__":
    os.environ.setdefault("AWS_DEFAULT_REGION", REGION)
    unittest.main(verbosity=2 if "-v" in sys.argv else 1, argv=[sys.argv[0]])
