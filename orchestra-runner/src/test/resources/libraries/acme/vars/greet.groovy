import com.acme.Version

// greet('Ada') or greet(): its call method. greet.loudly('Ada'), greet.version(): its other methods.
// greet.salutation = 'Howdy': a property, kept in the variable's binding for the rest of the run.

String getSalutation() {
    binding.hasVariable('salutation') ? binding.getVariable('salutation') : 'Hello'
}

def call(String name = 'world') {
    echo "${salutation}, ${name}!"
}

def loudly(String name) {
    echo "${salutation.toUpperCase()}, ${name.toUpperCase()}!"
}

Version version() {
    new Version('1.2.0')
}
